-- Schema 2: the agenda asks for sessions not yet over (scheduled_end >= now); without
-- this index it walked every earlier session (benches/store.rs measured 5× slower).
CREATE INDEX sessions_by_end ON sessions(scheduled_end, scheduled_start);
