-- Schema 3: bilingual notes with their revisions and tags, caucus disclosure records,
-- each case's confidentiality regime, the termbase, and the notes' search index.
-- Append-only: never edit a migration once it has shipped; add the next one instead.

-- What a party says in caucus is closed unless it authorises disclosure (ICSID Mediation
-- Rules, Hong Kong's Mediation Ordinance) or open unless it asks for confidence
-- (UNCITRAL Model Law). Existing cases get the closed regime: the safe default.
ALTER TABLE cases ADD COLUMN confidentiality TEXT NOT NULL DEFAULT 'hong-kong'
    CHECK (confidentiality IN ('icsid', 'hong-kong', 'uncitral'));

CREATE TABLE notes (
    doc        INTEGER PRIMARY KEY,           -- stable rowid: the search index's key
    id         TEXT NOT NULL UNIQUE,          -- uuid v7
    case_id    TEXT NOT NULL REFERENCES cases(id),
    session_id TEXT REFERENCES sessions(id),
    visibility TEXT NOT NULL CHECK (visibility IN ('shared', 'caucus', 'private')),
    party_id   TEXT REFERENCES parties(id),   -- whose words; for a caucus note, who confided them
    text_en    TEXT NOT NULL,                 -- Markdown; '' when that side is empty
    text_zh    TEXT NOT NULL,
    zh_script  TEXT CHECK (zh_script IN ('hans', 'hant')),
    translated TEXT CHECK (translated IN ('en', 'zh')),  -- the side that translates the other
    checked_by TEXT,                          -- who checked that translation
    revision   INTEGER NOT NULL,              -- the latest row in note_revisions
    created_at TEXT NOT NULL,                 -- RFC 3339, UTC
    updated_at TEXT NOT NULL,
    CHECK (visibility <> 'caucus' OR party_id IS NOT NULL),
    CHECK (checked_by IS NULL OR translated IS NOT NULL)
) STRICT;
CREATE INDEX notes_by_case ON notes(case_id, created_at);
CREATE INDEX notes_by_session ON notes(session_id) WHERE session_id IS NOT NULL;

CREATE TABLE note_tags (
    note_id TEXT NOT NULL REFERENCES notes(id),
    tag     TEXT NOT NULL CHECK (tag IN ('fact', 'issue', 'interest', 'option', 'proposal')),
    PRIMARY KEY (note_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX note_tags_by_tag ON note_tags(tag, note_id);

-- Every save is a revision: the whole note as it stood, so any revision can be shown,
-- compared or restored on its own.
CREATE TABLE note_revisions (
    note_id    TEXT NOT NULL REFERENCES notes(id),
    revision   INTEGER NOT NULL,              -- 1, 2, 3 … per note
    saved_at   TEXT NOT NULL,
    saved_by   TEXT NOT NULL,
    restored_from INTEGER,                    -- set when this revision restored an earlier one
    visibility TEXT NOT NULL,
    party_id   TEXT,
    tags       TEXT NOT NULL,                 -- JSON array, e.g. ["interest","option"]
    text_en    TEXT NOT NULL,
    text_zh    TEXT NOT NULL,
    zh_script  TEXT,
    translated TEXT,
    checked_by TEXT,
    UNIQUE (note_id, revision)
) STRICT;

-- A party's word on a caucus note: authorising disclosure of all of it or of a summary,
-- or asking for confidence ('none'). The latest record for a note is in force; without
-- one, the case's regime decides. Records are never edited: each is an audited event.
CREATE TABLE caucus_disclosures (
    id          TEXT PRIMARY KEY,
    note_id     TEXT NOT NULL REFERENCES notes(id),
    case_id     TEXT NOT NULL REFERENCES cases(id),
    party_id    TEXT NOT NULL REFERENCES parties(id),
    scope       TEXT NOT NULL CHECK (scope IN ('all', 'summary', 'none')),
    summary_en  TEXT,                         -- what may be told, when scope is 'summary'
    summary_zh  TEXT,
    given_by    TEXT NOT NULL,                -- who spoke for the party
    given_at    TEXT NOT NULL,                -- when the party said so (RFC 3339, UTC)
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    CHECK (scope <> 'summary' OR summary_en IS NOT NULL OR summary_zh IS NOT NULL)
) STRICT;
CREATE INDEX disclosures_by_case ON caucus_disclosures(case_id, recorded_at);
CREATE INDEX disclosures_by_note ON caucus_disclosures(note_id, recorded_at);

-- English ↔ Simplified ↔ Traditional terms. The seed list is loaded by this migration's
-- hook (src/termbase); the mediator's own entries sit beside it.
CREATE TABLE terms (
    id         TEXT PRIMARY KEY,
    en         TEXT NOT NULL COLLATE NOCASE UNIQUE,
    zh_hans    TEXT,
    zh_hant    TEXT,
    domain     TEXT,
    note       TEXT,
    origin     TEXT NOT NULL CHECK (origin IN ('seed', 'mediator', 'import')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (zh_hans IS NOT NULL OR zh_hant IS NOT NULL)
) STRICT;

-- The notes' full-text index (src/search). Contentless: it holds only tokens, and the
-- text it was built from is folded (Traditional → Simplified, lower case, stemmed) with
-- Chinese runs cut into bigrams (`body`) and single characters (`chars`), so that
-- unicode61 finds 1–4 character words. `facets` holds the note's case, visibility,
-- party and tags as tokens, so filters need no `notes` row. Rowid is notes.doc.
CREATE VIRTUAL TABLE notes_search USING fts5(
    body, chars, facets,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
-- No merging of index segments inside an autosave (benches/search.rs: merges put 40 ms
-- tails on 10 KB saves): Vault::tidy merges when the mediator pauses, and FTS5's
-- crisis merge (at 16 segments on a level) still bounds the index if it never runs.
INSERT INTO notes_search (notes_search, rank) VALUES ('automerge', 0);
