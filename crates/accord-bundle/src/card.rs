//! §2: cards, the public half of a participant's keys, as a small text file a person can
//! read, and a fingerprint short enough to read out on the phone.

use std::fmt::Write as _;
use std::str::FromStr;

use sha2::{Digest, Sha256};

use crate::{Error, Result};

/// The first line of every version 1 card.
pub const MAGIC: &str = "accord-card/1";
/// The largest card a reader takes.
pub const MAX_BYTES: usize = 4096;
/// At most this many `age:` lines.
pub const MAX_RECIPIENTS: usize = 8;

/// Who holds the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Mediator,
    Secretariat,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Mediator => "mediator",
            Role::Secretariat => "secretariat",
        }
    }
}

/// A participant's card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub role: Role,
    pub name: String,
    /// The mediator's id (a UUID); `None` for the Secretariat.
    pub id: Option<String>,
    /// X25519 recipients: the card's own first, then any the holder asks to be
    /// encrypted to as well.
    pub age: Vec<String>,
    /// The minisign public key, as minisign's base64 line.
    pub minisign: String,
    /// RFC 3339, UTC, whole seconds.
    pub created: String,
}

impl Card {
    /// The card as its file: every line, the fingerprint last.
    pub fn to_text(&self) -> Result<String> {
        self.check()?;
        let body = self.body();
        Ok(format!("{body}fingerprint: {}\n", fingerprint(&body)))
    }

    /// The lines the fingerprint covers.
    fn body(&self) -> String {
        let mut out = format!(
            "{MAGIC}\nrole: {}\nname: {}\n",
            self.role.as_str(),
            self.name
        );
        if let Some(id) = &self.id {
            let _ = writeln!(out, "id: {id}");
        }
        for r in &self.age {
            let _ = writeln!(out, "age: {r}");
        }
        let _ = write!(
            out,
            "minisign: {}\ncreated: {}\n",
            self.minisign, self.created
        );
        out
    }

    /// The card's fingerprint (what [`Card::to_text`] writes).
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.body())
    }

    /// The minisign key id, as minisign prints it (16 upper-case hex digits).
    pub fn key_id(&self) -> Result<String> {
        key_id(&self.minisign)
            .ok_or_else(|| bad(0, "the minisign key is not a minisign public key"))
    }

    /// A card of the spec's shape: every field well formed.
    fn check(&self) -> Result<()> {
        let chars = self.name.chars().count();
        if !(1..=200).contains(&chars)
            || self.name.chars().any(char::is_control)
            || self.name.trim() != self.name
        {
            return Err(bad(0, "the name must be 1 to 200 characters, without control characters or surrounding spaces"));
        }
        match (self.role, &self.id) {
            (Role::Mediator, Some(id)) if is_uuid(id) => {}
            (Role::Mediator, _) => {
                return Err(bad(0, "a mediator's card needs the mediator's id (a UUID)"))
            }
            (Role::Secretariat, None) => {}
            (Role::Secretariat, Some(_)) => {
                return Err(bad(0, "the Secretariat's card has no mediator id"))
            }
        }
        if self.age.is_empty() || self.age.len() > MAX_RECIPIENTS {
            return Err(bad(0, "a card names 1 to 8 age recipients"));
        }
        for r in &self.age {
            age::x25519::Recipient::from_str(r)
                .map_err(|_| bad(0, format!("{r:?} is not an age X25519 recipient")))?;
        }
        self.key_id()?;
        if !is_utc_seconds(&self.created) {
            return Err(bad(
                0,
                "created must be an RFC 3339 UTC time in whole seconds, e.g. 2026-12-03T06:00:00Z",
            ));
        }
        Ok(())
    }
}

fn bad(line: usize, why: impl Into<String>) -> Error {
    Error::BadCard {
        line,
        why: why.into(),
    }
}

/// The first 20 bytes of SHA-256 over `body`, as ten groups of four upper-case hex digits.
pub fn fingerprint(body: &str) -> String {
    let digest = Sha256::digest(body.as_bytes());
    hex::encode_upper(&digest[..20])
        .as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).expect("hex is ASCII"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The key id of a minisign public key line (`Ed` ‖ key id ‖ 32-byte key), as minisign
/// prints it: the id's 8 bytes read as a little-endian number, in hex.
pub fn key_id(minisign_base64: &str) -> Option<String> {
    minisign::PublicKey::from_base64(minisign_base64).ok()?;
    let bytes = data_encoding::BASE64
        .decode(minisign_base64.as_bytes())
        .ok()?;
    let id: [u8; 8] = bytes.get(2..10)?.try_into().ok()?;
    Some(format!("{:016X}", u64::from_le_bytes(id)))
}

fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => matches!(b, b'0'..=b'9' | b'a'..=b'f'),
        })
}

fn is_utc_seconds(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 20
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            10 => c == b'T',
            13 | 16 => c == b':',
            19 => c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

/// A card from its file, refused unless it is exactly what [`Card::to_text`] writes for
/// it: the keys in order, each once (`age` 1 to 8 times), and a fingerprint that matches.
pub fn parse(text: &str) -> Result<Card> {
    if text.len() > MAX_BYTES {
        return Err(bad(0, "larger than 4 KiB"));
    }
    let Some(body) = text.strip_suffix('\n') else {
        return Err(bad(0, "does not end with a line feed"));
    };
    let mut lines = body.split('\n').enumerate().map(|(i, l)| (i + 1, l));
    match lines.next() {
        Some((_, MAGIC)) => {}
        _ => return Err(bad(1, format!("the first line must be {MAGIC}"))),
    }
    let mut fields: Vec<(usize, &str, &str)> = Vec::new();
    for (n, line) in lines {
        let (key, value) = line
            .split_once(": ")
            .ok_or_else(|| bad(n, "not `key: value`"))?;
        fields.push((n, key, value));
    }
    let mut at = 0;
    let mut take = |key: &str| -> Option<(usize, &str)> {
        let (n, k, v) = *fields.get(at)?;
        (k == key).then(|| {
            at += 1;
            (n, v)
        })
    };
    let role = match take("role") {
        Some((_, "mediator")) => Role::Mediator,
        Some((_, "secretariat")) => Role::Secretariat,
        Some((n, _)) => return Err(bad(n, "role must be mediator or secretariat")),
        None => return Err(bad(2, "role is missing")),
    };
    let name = take("name")
        .ok_or_else(|| bad(3, "name is missing"))?
        .1
        .to_string();
    let id = take("id").map(|(_, v)| v.to_string());
    let mut age = Vec::new();
    while let Some((_, v)) = take("age") {
        age.push(v.to_string());
    }
    let minisign = take("minisign")
        .ok_or_else(|| bad(0, "minisign is missing or out of order"))?
        .1
        .to_string();
    let created = take("created")
        .ok_or_else(|| bad(0, "created is missing or out of order"))?
        .1
        .to_string();
    let (n, written) =
        take("fingerprint").ok_or_else(|| bad(0, "fingerprint is missing or out of order"))?;
    if at != fields.len() {
        return Err(bad(n + 1, "nothing may follow the fingerprint"));
    }
    let card = Card {
        role,
        name,
        id,
        age,
        minisign,
        created,
    };
    card.check()?;
    if written != card.fingerprint() {
        return Err(Error::CardFingerprintMismatch);
    }
    Ok(card)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> (String, String) {
        let age = age::x25519::Identity::generate().to_public().to_string();
        let pair = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        (age, pair.pk.to_base64())
    }

    fn card() -> Card {
        let (age, minisign) = keys();
        Card {
            role: Role::Mediator,
            name: "陳大文 Chan Tai Man".into(),
            id: Some("0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b".into()),
            age: vec![age],
            minisign,
            created: "2026-12-03T06:00:00Z".into(),
        }
    }

    #[test]
    fn a_card_reads_back_as_written_with_a_readable_fingerprint() {
        let c = card();
        let text = c.to_text().unwrap();
        assert!(text.starts_with("accord-card/1\nrole: mediator\nname: 陳大文 Chan Tai Man\nid: "));
        assert_eq!(parse(&text).unwrap(), c);
        let fp = c.fingerprint();
        assert_eq!(fp.len(), 49, "ten groups of four, nine spaces: {fp}");
        assert!(fp.split(' ').all(|g| g.len() == 4
            && g.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_lowercase())));
        assert!(text.ends_with(&format!("fingerprint: {fp}\n")));
    }

    /// What a phone call would catch: one changed recipient changes the fingerprint, and a
    /// card whose lines were changed after it was written is refused.
    #[test]
    fn a_changed_card_no_longer_matches_its_fingerprint() {
        let c = card();
        let text = c.to_text().unwrap();
        let (other_age, _) = keys();
        let swapped = text.replace(&c.age[0], &other_age);
        assert_eq!(parse(&swapped), Err(Error::CardFingerprintMismatch));
        let renamed = text.replace("Chan Tai Man", "Chan Tai Men");
        assert_eq!(parse(&renamed), Err(Error::CardFingerprintMismatch));
    }

    /// The key id is the one minisign itself prints for the key.
    #[test]
    fn the_key_id_is_minisigns() {
        let pair = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        let expected = {
            let bytes = pair.pk.keynum();
            format!("{:016X}", u64::from_le_bytes(bytes.try_into().unwrap()))
        };
        assert_eq!(
            key_id(&pair.pk.to_base64()).as_deref(),
            Some(expected.as_str())
        );
        assert_eq!(key_id("RWQnot-a-key"), None);
    }

    #[test]
    fn malformed_cards_are_refused_naming_what_is_wrong() {
        let c = card();
        let text = c.to_text().unwrap();
        let secretariat = Card {
            role: Role::Secretariat,
            id: None,
            name: "IOMed Secretariat".into(),
            ..card()
        };
        assert!(parse(&secretariat.to_text().unwrap()).is_ok());
        let bad_cards = [
            text.replacen("accord-card/1", "accord-card/2", 1),
            text.replace("role: mediator", "role: judge"),
            text.trim_end().to_string(),
            text.replace('\n', "\r\n"),
            format!("{text}extra: 1\n"),
            text.replacen("name: ", "name:  ", 1),
            text.replace(&format!("age: {}\n", c.age[0]), ""),
            text.replace(&format!("age: {}", c.age[0]), "age: age1notarecipient"),
            text.replace(&c.minisign, "RWSnotakey"),
            text.replace("2026-12-03T06:00:00Z", "3 December 2026"),
            "x".repeat(5000),
        ];
        for bad in bad_cards {
            assert!(parse(&bad).is_err(), "{bad}");
        }
        for wrong in [
            Card {
                name: String::new(),
                ..card()
            },
            Card {
                name: "Chan\u{7}".into(),
                ..card()
            },
            Card { id: None, ..card() },
            Card {
                id: Some("not-a-uuid".into()),
                ..card()
            },
            Card {
                age: vec![],
                ..card()
            },
            Card {
                age: vec![c.age[0].clone(); 9],
                ..card()
            },
            Card {
                role: Role::Secretariat,
                ..card()
            },
        ] {
            assert!(
                matches!(wrong.to_text(), Err(Error::BadCard { .. })),
                "{wrong:?}"
            );
        }
    }
}
