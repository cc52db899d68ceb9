-- Schema 4: consent that follows a confidence wherever the note goes, authorisations
-- bound to the text the party saw, keyed text digests, and the live-session index the
-- caucus guard reads. Append-only: never edit a migration once it has shipped.

-- The party who first confided a note, and the case's regime at that moment. Both are
-- set the first time a note is caucus and never change afterwards: a later visibility,
-- party or regime change cannot launder the confidence (src/notes/consent.rs).
ALTER TABLE notes ADD COLUMN confided_by TEXT REFERENCES parties(id);
ALTER TABLE notes ADD COLUMN caucus_regime TEXT
    CHECK (caucus_regime IN ('icsid', 'hong-kong', 'uncitral'));
-- What an authorisation covers: the note's revision and the keyed digests of its two
-- sides as the party saw them. An `all` for other text is stale.
ALTER TABLE caucus_disclosures ADD COLUMN revision INTEGER;
ALTER TABLE caucus_disclosures ADD COLUMN text_en_digest TEXT;
ALTER TABLE caucus_disclosures ADD COLUMN text_zh_digest TEXT;

-- Existing notes: the earliest caucus revision names the party who confided them. The
-- regime is the case's as it stands now (schema 3 did not record it per note).
UPDATE notes SET
    confided_by = (SELECT r.party_id FROM note_revisions r
                   WHERE r.note_id = notes.id AND r.visibility = 'caucus'
                   ORDER BY r.revision LIMIT 1),
    caucus_regime = CASE WHEN EXISTS (SELECT 1 FROM note_revisions r
                                      WHERE r.note_id = notes.id AND r.visibility = 'caucus')
                         THEN (SELECT c.confidentiality FROM cases c WHERE c.id = notes.case_id)
                    END;

-- Sessions under way (started, not ended), whatever their schedule: the caucus guard
-- and the agenda read these without walking every session.
CREATE INDEX sessions_live ON sessions(id) WHERE actual_start IS NOT NULL AND actual_end IS NULL;
