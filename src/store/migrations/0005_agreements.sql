-- Schema 5: settlement agreements, their clauses, each party's position on a clause,
-- and frozen versions. Append-only: never edit a migration once it has shipped.

CREATE TABLE agreements (
    id              TEXT PRIMARY KEY,
    case_id         TEXT NOT NULL REFERENCES cases(id),
    title_en        TEXT,
    title_zh        TEXT,
    zh_script       TEXT NOT NULL CHECK (zh_script IN ('hans', 'hant')),
    -- Both texts equally authentic, or one prevails over the other.
    language_regime TEXT NOT NULL CHECK (language_regime IN ('equal', 'en-prevails', 'zh-prevails')),
    status          TEXT NOT NULL CHECK (status IN ('draft', 'final')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (title_en IS NOT NULL OR title_zh IS NOT NULL)
) STRICT;
CREATE INDEX agreements_by_case ON agreements(case_id);

-- A clause keeps its id through edits, moves and versions: redlines match clauses by it,
-- and cross-references in clause text name it ({{clause:<id>}}), so renumbering changes
-- neither. Its number is its place: `position` among the clauses of the same parent.
CREATE TABLE clauses (
    id              TEXT PRIMARY KEY,
    agreement_id    TEXT NOT NULL REFERENCES agreements(id),
    parent_id       TEXT REFERENCES clauses(id),
    position        INTEGER NOT NULL CHECK (position >= 0),
    heading_en      TEXT NOT NULL,
    heading_zh      TEXT NOT NULL,
    text_en         TEXT NOT NULL,
    text_zh         TEXT NOT NULL,
    -- Why one language is missing, when the mediator says so (the final check accepts it).
    missing_reason  TEXT,
    -- The clauses the final check looks for by what they are, not by their words.
    kind            TEXT CHECK (kind IN ('language', 'signatures', 'mediator-statement')),
    -- The proposal note this clause came from, and the note's revision then.
    source_note_id  TEXT REFERENCES notes(id),
    source_revision INTEGER,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK ((source_note_id IS NULL) = (source_revision IS NULL))
) STRICT;
CREATE INDEX clauses_by_agreement ON clauses(agreement_id, parent_id, position);

CREATE TABLE clause_positions (
    clause_id  TEXT NOT NULL REFERENCES clauses(id),
    party_id   TEXT NOT NULL REFERENCES parties(id),
    status     TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'objected', 'open')),
    comment    TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (clause_id, party_id)
) STRICT;

-- A version is the agreement frozen as it stood: `content` is its JSON (the agreement and
-- every clause), `fingerprint` the SHA-256 of that JSON, shown short on every page.
CREATE TABLE agreement_versions (
    agreement_id TEXT NOT NULL REFERENCES agreements(id),
    version      INTEGER NOT NULL CHECK (version >= 1),
    label        TEXT NOT NULL,
    saved_at     TEXT NOT NULL,
    saved_by     TEXT NOT NULL,
    content      TEXT NOT NULL,
    fingerprint  TEXT NOT NULL,
    PRIMARY KEY (agreement_id, version)
) STRICT;

-- The clause library: the seed templates (loaded by schema 5's step) and the mediator's
-- own. Text holds the case's facts as {{party.requesting}} and blanks as [[amount]].
CREATE TABLE library_clauses (
    key          TEXT PRIMARY KEY,
    title_en     TEXT NOT NULL,
    title_hans   TEXT NOT NULL,
    title_hant   TEXT NOT NULL,
    heading_en   TEXT NOT NULL,
    heading_hans TEXT NOT NULL,
    heading_hant TEXT NOT NULL,
    text_en      TEXT NOT NULL,
    text_hans    TEXT NOT NULL,
    text_hant    TEXT NOT NULL,
    kind         TEXT CHECK (kind IN ('language', 'signatures', 'mediator-statement')),
    origin       TEXT NOT NULL CHECK (origin IN ('seed', 'mediator')),
    updated_at   TEXT NOT NULL
) STRICT;
