-- Schema 1: cases, parties, mediators, sessions and the audit chain.
-- Append-only: never edit a migration once it has shipped; add the next one instead.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE cases (
    id          TEXT PRIMARY KEY,             -- uuid v7
    local_ref   TEXT NOT NULL UNIQUE,         -- ACC-2026-0007
    official_no TEXT UNIQUE,                  -- the Secretariat's number, once known
    kind        TEXT NOT NULL CHECK (kind IN ('state-to-state', 'investor-state', 'commercial')),
    panel       TEXT NOT NULL CHECK (panel IN ('state-to-state', 'general')),
    status      TEXT NOT NULL CHECK (status IN ('intake', 'active', 'settled', 'terminated', 'withdrawn')),
    title_en    TEXT,
    title_zh    TEXT,
    created_at  TEXT NOT NULL,                -- RFC 3339, UTC
    updated_at  TEXT NOT NULL,
    CHECK (title_en IS NOT NULL OR title_zh IS NOT NULL)
) STRICT;

CREATE TABLE parties (
    id         TEXT PRIMARY KEY,
    case_id    TEXT NOT NULL REFERENCES cases(id),
    kind       TEXT NOT NULL CHECK (kind IN ('state', 'state-entity', 'investor', 'company', 'person')),
    role       TEXT NOT NULL CHECK (role IN ('requesting', 'responding', 'other')),
    name_en    TEXT,
    name_zh    TEXT,
    created_at TEXT NOT NULL,
    CHECK (name_en IS NOT NULL OR name_zh IS NOT NULL)
) STRICT;
CREATE INDEX parties_by_case ON parties(case_id);

CREATE TABLE representatives (
    party_id TEXT NOT NULL REFERENCES parties(id),
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (party_id, position)
) STRICT;

CREATE TABLE mediators (
    id       TEXT PRIMARY KEY,
    case_id  TEXT NOT NULL REFERENCES cases(id),
    role     TEXT NOT NULL CHECK (role IN ('lead', 'co')),
    name     TEXT NOT NULL,
    UNIQUE (case_id, name)
) STRICT;

CREATE TABLE sessions (
    id              TEXT PRIMARY KEY,
    case_id         TEXT NOT NULL REFERENCES cases(id),
    kind            TEXT NOT NULL CHECK (kind IN ('joint', 'caucus', 'preparatory', 'internal')),
    caucus_party_id TEXT REFERENCES parties(id),
    time_zone       TEXT NOT NULL,            -- IANA zone of the venue
    venue           TEXT,
    scheduled_start TEXT NOT NULL,            -- RFC 3339, UTC
    scheduled_end   TEXT NOT NULL,
    actual_start    TEXT,
    actual_end      TEXT,
    created_at      TEXT NOT NULL,
    CHECK ((kind = 'caucus') = (caucus_party_id IS NOT NULL)),
    CHECK (scheduled_end > scheduled_start),
    CHECK (actual_end IS NULL OR (actual_start IS NOT NULL AND actual_end >= actual_start))
) STRICT;
CREATE INDEX sessions_by_case ON sessions(case_id, scheduled_start);
CREATE INDEX sessions_by_start ON sessions(scheduled_start);

CREATE TABLE session_attendees (
    session_id TEXT NOT NULL REFERENCES sessions(id),
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    party_id   TEXT REFERENCES parties(id),   -- NULL: the mediator's side or an observer
    PRIMARY KEY (session_id, position)
) STRICT;

-- Every change appends one event in the same transaction. `hash` chains each event to
-- the one before (see audit.rs for the exact bytes hashed).
CREATE TABLE audit_events (
    seq         INTEGER PRIMARY KEY,          -- 1, 2, 3 … without gaps
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    case_id     TEXT,
    state       TEXT NOT NULL,                -- the entity as it stood after the change (JSON)
    digest      TEXT NOT NULL,                -- SHA-256 of `state`, hex
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX audit_by_entity ON audit_events(entity_type, entity_id, seq);
CREATE INDEX audit_by_case ON audit_events(case_id, seq);
