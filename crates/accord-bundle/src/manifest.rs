//! §7: `manifest.json`, what the bundle says about itself, and the checks that tie it to
//! the signature and the signed root.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::signature::{recipients_digest, Comment, FORMAT};
use crate::sums::Line;
use crate::{names, Error, Result};

/// The largest `manifest.json` a reader takes.
pub const MAX_BYTES: usize = 16 << 20;
/// The deepest nesting of arrays and objects a reader takes in any JSON member.
pub const MAX_DEPTH: usize = 64;

/// The three kinds of bundle (§1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    CaseBundle,
    CaseAssignment,
    Receipt,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::CaseBundle => "case-bundle",
            Kind::CaseAssignment => "case-assignment",
            Kind::Receipt => "receipt",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub kind: Kind,
    pub bundle_id: String,
    pub from: Sender,
    pub addressee: String,
    pub to: Vec<String>,
    pub seq: u64,
    pub created: String,
    pub audit_head: Option<AuditHead>,
    pub case: Option<CaseRef>,
    #[serde(default)]
    pub withheld: BTreeMap<String, u64>,
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sender {
    pub key_id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mediator_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditHead {
    pub events: u64,
    pub hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseRef {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub name: String,
    pub size: u64,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
}

impl Manifest {
    /// The bytes a writer puts in the bundle.
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).expect("a manifest serializes")
    }

    /// A manifest from its bytes: at most [`MAX_BYTES`], no deeper than [`MAX_DEPTH`],
    /// no field the format does not name; a later format is told apart.
    pub fn parse(bytes: &[u8]) -> Result<Manifest> {
        if bytes.len() > MAX_BYTES {
            return Err(Error::BadManifest("larger than 16 MiB".into()));
        }
        check_depth(bytes)?;
        // The format first, so that a newer bundle is reported as newer, not as malformed.
        #[derive(Deserialize)]
        struct Format {
            format: Option<String>,
        }
        let format: Format =
            serde_json::from_slice(bytes).map_err(|e| Error::BadManifest(e.to_string()))?;
        match format.format.as_deref() {
            Some(FORMAT) => {}
            Some(f) if f.starts_with("accord-bundle/") => {
                return Err(Error::NewerFormat(f.to_string()))
            }
            _ => return Err(Error::BadManifest("no accord-bundle/1 format".into())),
        }
        serde_json::from_slice(bytes).map_err(|e| Error::BadManifest(e.to_string()))
    }

    /// The trusted comment a signature of this bundle carries.
    pub fn comment(&self) -> Comment {
        Comment {
            kind: self.kind.as_str().to_string(),
            bundle_id: self.bundle_id.clone(),
            from: self.from.key_id.clone(),
            addressee: self.addressee.clone(),
            to: recipients_digest(&self.to),
            seq: self.seq,
            created: self.created.clone(),
        }
    }

    /// §9 step 4, the parts that need no state: the signature's comment says what this
    /// manifest says, the signer is `from`, and the members are the signed root's.
    pub fn check_against(&self, signer: &str, comment: &Comment, sums: &[Line]) -> Result<()> {
        let mine = self.comment();
        for (field, same) in [
            ("kind", mine.kind == comment.kind),
            ("bundle_id", mine.bundle_id == comment.bundle_id),
            ("from", mine.from == comment.from),
            ("addressee", mine.addressee == comment.addressee),
            ("to", mine.to == comment.to),
            ("seq", mine.seq == comment.seq),
            ("created", mine.created == comment.created),
        ] {
            if !same {
                return Err(Error::CommentMismatch(field));
            }
        }
        if self.from.key_id != signer {
            return Err(Error::CommentMismatch("from"));
        }
        names::check_all(self.members.iter().map(|m| m.name.as_str()))?;
        let listed = sums.iter().skip(1).map(|l| l.name.as_str());
        if sums.first().map(|l| l.name.as_str()) != Some("manifest.json")
            || !listed.eq(self.members.iter().map(|m| m.name.as_str()))
        {
            return Err(Error::ManifestMismatch);
        }
        Ok(())
    }
}

/// Refuses JSON nested deeper than [`MAX_DEPTH`] before serde sees it (its recursion limit
/// is 128, and a reader should not rely on a library's default for a limit of the spec).
pub fn check_depth(bytes: &[u8]) -> Result<()> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &b in bytes {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Error::BadManifest(format!(
                        "nested deeper than {MAX_DEPTH}"
                    )));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> Manifest {
        Manifest {
            format: FORMAT.into(),
            kind: Kind::CaseBundle,
            bundle_id: "5f0c1e9a-3b7d-4c2e-9a61-0d2f8e4b7c15".into(),
            from: Sender {
                key_id: "D8C3E305831DB5B9".into(),
                name: "陳大文".into(),
                mediator_id: None,
            },
            addressee: "4A11E0F2C3D4B5A6".into(),
            to: vec!["age1a".into()],
            seq: 3,
            created: "2026-12-03T06:00:00Z".into(),
            audit_head: Some(AuditHead {
                events: 12,
                hash: "ab".repeat(32),
            }),
            case: Some(CaseRef {
                id: "c1".into(),
                reference: Some("IOMed/2026/014".into()),
            }),
            withheld: [("private-note".to_string(), 2)].into(),
            members: vec![
                Member {
                    name: "case.json".into(),
                    size: 10,
                    kind: "case".into(),
                    title: None,
                    file_name: None,
                    media_type: None,
                },
                Member {
                    name: format!("documents/{}", "a1".repeat(32)),
                    size: 5,
                    kind: "document".into(),
                    title: Some("立場書".into()),
                    file_name: Some("../../立場書.pdf".into()),
                    media_type: Some("application/pdf".into()),
                },
            ],
        }
    }

    fn sums(m: &Manifest) -> Vec<Line> {
        std::iter::once(Line::of("manifest.json", &m.to_json()))
            .chain(m.members.iter().map(|x| Line::of(&x.name, b"")))
            .collect()
    }

    #[test]
    fn a_manifest_reads_back_and_agrees_with_its_comment_and_root() {
        let m = manifest();
        let back = Manifest::parse(&m.to_json()).unwrap();
        assert_eq!(back, m);
        assert_eq!(
            back.check_against("D8C3E305831DB5B9", &m.comment(), &sums(&m)),
            Ok(())
        );
    }

    /// A display name may be anything (it is data, never a path); a member name may not.
    #[test]
    fn member_names_follow_the_grammar_file_names_are_only_data() {
        let mut m = manifest();
        assert!(m
            .check_against("D8C3E305831DB5B9", &m.comment(), &sums(&m))
            .is_ok());
        m.members[0].name = "../case.json".into();
        assert!(matches!(
            m.check_against("D8C3E305831DB5B9", &m.comment(), &sums(&m)),
            Err(Error::BadMemberName(_))
        ));
    }

    #[test]
    fn a_manifest_that_disagrees_with_the_signature_or_the_root_is_refused() {
        let m = manifest();
        let mut other = m.comment();
        other.seq = 2;
        assert_eq!(
            m.check_against("D8C3E305831DB5B9", &other, &sums(&m)),
            Err(Error::CommentMismatch("seq"))
        );
        let mut other = m.comment();
        other.addressee = "0000000000000000".into();
        assert_eq!(
            m.check_against("D8C3E305831DB5B9", &other, &sums(&m)),
            Err(Error::CommentMismatch("addressee"))
        );
        assert_eq!(
            m.check_against("0000000000000000", &m.comment(), &sums(&m)),
            Err(Error::CommentMismatch("from"))
        );
        let mut fewer = sums(&m);
        fewer.pop();
        assert_eq!(
            m.check_against("D8C3E305831DB5B9", &m.comment(), &fewer),
            Err(Error::ManifestMismatch)
        );
        let mut reordered = sums(&m);
        reordered.swap(1, 2);
        assert_eq!(
            m.check_against("D8C3E305831DB5B9", &m.comment(), &reordered),
            Err(Error::ManifestMismatch)
        );
    }

    #[test]
    fn unknown_fields_newer_formats_and_deep_nesting_are_refused() {
        let json = String::from_utf8(manifest().to_json()).unwrap();
        let extra = json.replacen('{', "{\"extra\": 1,", 1);
        assert!(matches!(
            Manifest::parse(extra.as_bytes()),
            Err(Error::BadManifest(_))
        ));
        let newer = json.replace("accord-bundle/1", "accord-bundle/2");
        assert_eq!(
            Manifest::parse(newer.as_bytes()),
            Err(Error::NewerFormat("accord-bundle/2".into()))
        );
        let deep = format!("{}{}", "[".repeat(65), "]".repeat(65));
        assert!(
            matches!(Manifest::parse(deep.as_bytes()), Err(Error::BadManifest(why)) if why.contains("deeper"))
        );
        // Brackets inside strings are text, not nesting.
        let text = json.replace("陳大文", &"[".repeat(100));
        assert!(Manifest::parse(text.as_bytes()).is_ok());
        assert!(matches!(
            Manifest::parse(b"not json"),
            Err(Error::BadManifest(_))
        ));
    }
}
