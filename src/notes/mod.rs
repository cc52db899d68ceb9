//! Notes: the mediator's bilingual record of what was said, with visibility, tags and
//! a revision for every save.

use crate::vocab::vocabulary;

vocabulary!(
    /// Who may see a note: part of the note itself, not of a folder it sits in.
    /// `shared` may go to all parties; `caucus` was told in confidence by one party;
    /// `private` is the mediator's own thinking and never leaves the laptop unasked.
    Visibility, "visibility" {
        Shared => "shared",
        Caucus => "caucus",
        Private => "private",
    }
);

vocabulary!(
    /// What a note records, in interest-based mediation's terms.
    NoteTag, "tag" {
        Fact => "fact",
        Issue => "issue",
        Interest => "interest",
        Option => "option",
        Proposal => "proposal",
    }
);

vocabulary!(
    /// The script of a note's Chinese side.
    ChineseScript, "script" {
        Simplified => "hans",
        Traditional => "hant",
    }
);

vocabulary!(
    /// A side of a bilingual text.
    Side, "side" {
        En => "en",
        Zh => "zh",
    }
);
