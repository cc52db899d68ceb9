//! What an editor or the command line sends to create or save a note, and its checks.

use serde::Deserialize;

use super::{ChineseScript, Note, NoteTag, Side, Visibility};
use crate::error::{Error, Result};
use crate::ids::{PartyId, SessionId};
use crate::text::{self, MAX_NAME};

/// Longest side of a note, in characters: about fifty printed pages. Past it a paste is
/// almost certainly a mistake, and every autosave would rewrite it whole.
pub const MAX_NOTE_SIDE: usize = 100_000;

/// A note's whole content as the editor holds it. Creating a note takes its session from
/// here, and a missing visibility defaults from that session; saving sends the whole
/// state each time (`party_id: None` clears the party, and a missing visibility keeps
/// the current one).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(export, optional_fields)]
pub struct NoteDraft {
    /// Only read when the note is created.
    pub session_id: Option<SessionId>,
    pub visibility: Option<Visibility>,
    pub party_id: Option<PartyId>,
    pub tags: Vec<NoteTag>,
    pub text_en: String,
    pub text_zh: String,
    pub zh_script: Option<ChineseScript>,
    pub translated: Option<Side>,
    pub checked_by: Option<String>,
}

impl NoteDraft {
    /// A draft holding exactly what the note holds now: the starting point of an edit.
    pub fn of(note: &Note) -> Self {
        NoteDraft {
            session_id: note.session_id,
            visibility: Some(note.visibility),
            party_id: note.party_id,
            tags: note.tags.clone(),
            text_en: note.text_en.clone(),
            text_zh: note.text_zh.clone(),
            zh_script: note.zh_script,
            translated: note.translated,
            checked_by: note.checked_by.clone(),
        }
    }

    /// Checks the draft. `visibility` and `party` fill in what it leaves open.
    pub(super) fn into_content(
        self,
        visibility: Visibility,
        party: Option<PartyId>,
    ) -> Result<Content> {
        let visibility = self.visibility.unwrap_or(visibility);
        let party_id = match (self.party_id, visibility) {
            (Some(p), _) => Some(p),
            (None, Visibility::Caucus) => party,
            (None, _) => None,
        };
        if visibility == Visibility::Caucus && party_id.is_none() {
            return Err(Error::CaucusNoteNeedsParty);
        }
        let checked_by = text::optional("checked_by", self.checked_by.as_deref(), MAX_NAME)?;
        if checked_by.is_some() && self.translated.is_none() {
            return Err(Error::Invalid {
                field: "checked_by",
                value: "only a side marked as a translation is checked".into(),
            });
        }
        let mut tags = self.tags;
        super::sort_tags(&mut tags);
        Ok(Content {
            visibility,
            party_id,
            tags,
            text_en: note_text("text_en", self.text_en)?,
            text_zh: note_text("text_zh", self.text_zh)?,
            zh_script: self.zh_script,
            translated: self.translated,
            checked_by,
        })
    }
}

/// A checked draft, ready to write.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Content {
    pub visibility: Visibility,
    pub party_id: Option<PartyId>,
    pub tags: Vec<NoteTag>,
    pub text_en: String,
    pub text_zh: String,
    pub zh_script: Option<ChineseScript>,
    pub translated: Option<Side>,
    pub checked_by: Option<String>,
}

impl Content {
    pub fn same_as(&self, note: &Note) -> bool {
        self.visibility == note.visibility
            && self.party_id == note.party_id
            && self.tags == note.tags
            && self.text_en == note.text_en
            && self.text_zh == note.text_zh
            && self.zh_script == note.zh_script
            && self.translated == note.translated
            && self.checked_by == note.checked_by
    }
}

/// Note text is kept as typed (autosave must not fight the editor by trimming), with
/// line ends made `\n`; control characters, which could drive a terminal, are refused.
fn note_text(field: &'static str, text: String) -> Result<String> {
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    if text.chars().count() > MAX_NOTE_SIDE {
        return Err(Error::TooLong {
            field,
            max: MAX_NOTE_SIDE,
        });
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Error::Invalid {
            field,
            value: "control characters".into(),
        });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_keeps_what_was_typed_but_not_control_characters() {
        assert_eq!(note_text("t", "  a\r\nb  ".into()).unwrap(), "  a\nb  ");
        assert!(note_text("t", "red \u{1b}[31m".into()).is_err());
        assert!(note_text("t", "調".repeat(MAX_NOTE_SIDE)).is_ok());
        assert!(matches!(
            note_text("t", "調".repeat(MAX_NOTE_SIDE + 1)),
            Err(Error::TooLong { .. })
        ));
    }

    #[test]
    fn a_caucus_note_takes_the_sessions_party_or_needs_one() {
        let party = Some(PartyId::new());
        let draft = NoteDraft {
            text_en: "x".into(),
            ..Default::default()
        };
        let content = draft
            .clone()
            .into_content(Visibility::Caucus, party)
            .unwrap();
        assert_eq!(content.party_id, party);
        assert!(matches!(
            draft.clone().into_content(Visibility::Caucus, None),
            Err(Error::CaucusNoteNeedsParty)
        ));
        // Choosing shared in a caucus session drops the session's party.
        let shared = NoteDraft {
            visibility: Some(Visibility::Shared),
            ..draft
        };
        assert_eq!(
            shared
                .into_content(Visibility::Caucus, party)
                .unwrap()
                .party_id,
            None
        );
    }
}
