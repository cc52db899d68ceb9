# Accord's program text, English (the fallback for every other catalog).
# Keep the three catalogs' keys identical: a test fails otherwise.

## Errors, by stable code (dots and underscores become dashes)

error-label = error
error-vault-not-found = There is no vault at { $path }. Create one with “accord init”, or point --vault at an existing one.
error-vault-exists = A vault already exists at { $path }. Nothing was changed.
error-vault-in-use = The vault is in use by another Accord window or command. Close it and try again.
error-vault-locked = The vault is locked. Unlock it to continue.
error-vault-wrong-passphrase = Wrong passphrase. Nothing was changed.
error-vault-wrong-recovery-key = That recovery key does not open this vault. Check it and try again.
error-vault-passphrase-required = A passphrase is needed. Type it at the prompt, or give --passphrase-file or ACCORD_PASSPHRASE.
error-vault-passphrase-too-short = The passphrase must have at least { $min } characters.
error-vault-passphrase-mismatch = The two passphrases differ. Nothing was changed.
error-vault-damaged = The vault is damaged ({ $detail }). Nothing was changed; restore it from a backup.
error-vault-cipher-missing = This build of Accord cannot encrypt its database, so it refuses to write one.
error-vault-schema-too-new = This vault was written by a newer Accord (schema { $found }; this one knows { $known }). Update Accord; nothing was changed.
error-vault-weak-kdf = Key-derivation settings rejected: { $detail }.
error-keyring-unavailable = The OS keyring did not answer ({ $detail }). The vault still opens with its passphrase.
error-input-not-found = No { $entity } “{ $id }” was found.
error-input-ambiguous = “{ $id }” matches more than one { $entity }; give more of its id.
error-input-invalid = The { $field } is not valid: { $value }.
error-input-required = The { $field } is required.
error-input-too-long = The { $field } is longer than { $max } characters.
error-time-invalid-zone = “{ $zone }” is not a known time zone. Use an IANA name such as Asia/Hong_Kong.
error-time-invalid = The { $field } “{ $value }” is not a time. Write it as 2026-12-03 10:00 (venue time) or in RFC 3339.
error-time-local-gap = { $value } is skipped or repeated in { $zone } by a daylight-saving change. Choose another time.
error-time-end-before-start = The end is before the start.
error-session-caucus-needs-party = A caucus is held with one party: name it with --party.
error-session-party-only-for-caucus = Only a caucus is held with a single party.
error-session-party-not-in-case = Party { $party } is not a party to case { $case }.
error-case-invalid-transition = A case cannot go from { $from } to { $to }.
error-case-closed = The case is closed ({ $status }) and can no longer be changed.
error-session-already-started = The session has already started.
error-session-not-started = The session has not started yet.
error-session-already-ended = The session has already ended.
error-note-conflict = This note was saved elsewhere meanwhile (it is now at revision { $revision }). Reopen it to see the latest text; nothing of yours was overwritten.
error-note-caucus-needs-party = A caucus note needs the party who said it.
error-note-not-caucus = Only a caucus note records a party's word on disclosure.
error-note-disclosure-not-authorised = The party has not authorised disclosing this caucus note in full, so it cannot be made shared.
error-audit-broken = The audit log is broken at event { $seq }: { $reason }.
error-internal-database = Database error: { $detail }. Nothing was changed.
error-internal-migration = The vault could not be upgraded: { $detail }. Nothing was changed.
error-internal-io = File error: { $detail }.

## Words used inside error messages

field-title = title
field-name = name
field-kind = kind
field-role = role
field-panel = panel
field-status = status
field-mediator = mediator’s name
field-representative = representative
field-official-no = official case number
field-venue = venue
field-attendee = attendee
field-start = start
field-end = end
field-at = time
field-duration = duration
field-outcome = outcome
entity-case = case
entity-party = party
entity-session = session
entity-mediator = mediator
entity-note = note
entity-revision = revision

## Vocabularies

kind-state-to-state = State-to-state
kind-investor-state = Investor-state
kind-commercial = International commercial
panel-state-to-state = State-to-State Mediation Panel
panel-general = General Mediation Panel
status-intake = Intake
status-active = Active
status-settled = Settled
status-terminated = Terminated
status-withdrawn = Withdrawn
mediator-role-lead = lead
mediator-role-co = co-mediator
party-kind-state = State
party-kind-state-entity = State entity
party-kind-investor = Investor
party-kind-company = Company
party-kind-person = Person
role-requesting = Requesting
role-responding = Responding
role-other = Other
session-kind-joint = Joint session
session-kind-caucus = Caucus
session-kind-preparatory = Preparatory
session-kind-internal = Internal
session-state-scheduled = scheduled
session-state-live = under way
session-state-ended = ended

## Labels and table columns

label-reference = Reference
label-official-no = Official number
label-title-en = Title (English)
label-title-zh = Title (Chinese)
label-kind = Kind
label-panel = Panel
label-status = Status
label-id = Id
label-mediators = Mediators
label-session-kind = Session
label-time-zone = Venue time zone
label-venue = Venue
label-scheduled-start = Scheduled start
label-scheduled-end = Scheduled end
label-actual-start = Started
label-actual-end = Ended
label-attendees = Attendees
col-reference = Reference
col-title = Title
col-kind = Kind
col-status = Status
col-official-no = Official no.
col-id = Id
col-name-en = Name (English)
col-name-zh = Name (Chinese)
col-role = Role
col-representatives = Representatives
col-session = Session
col-venue-time = Venue time
col-local-time = Your time
col-venue = Venue
col-state = State
col-seq = #
col-time = Time (UTC)
col-actor = By
col-action = Action
col-record = Record
col-hash = Hash

## Command messages

prompt-passphrase = Passphrase
prompt-new-passphrase = New passphrase
prompt-repeat-passphrase = Repeat the new passphrase
prompt-recovery-key = Recovery key
notice-keyring-unavailable = Note: no OS keyring (Secret Service) answered, so this vault opens by passphrase only. Run “accord keyring enable” once one is available. ({ $detail })
init-created = Vault created at { $path }.
init-recovery-key-heading = Your recovery key:
init-recovery-key-once = Write it down and keep it apart from this laptop. It is shown this once and never again; it opens the vault if the passphrase is lost.
init-keyring-stored = The key is also kept in the OS keyring, so this account can open the vault without typing.
init-keyring-unavailable = The vault opens by passphrase only.
init-keyring-declined = The key is not kept in the OS keyring; the vault opens by passphrase.
unlock-passphrase-reset = The passphrase has been replaced. The recovery key still works.
unlock-done = Unlocked: the passphrase is correct and the vault is intact.
unlock-done-keyring = Unlocked: the key is back in the OS keyring until “accord lock”.
lock-done = Locked: the next command will ask for the passphrase.
passphrase-changed = The passphrase has been changed.
keyring-state-enabled = The key is kept in the OS keyring.
keyring-state-disabled = The key is not kept in the OS keyring.
keyring-state-unavailable = No OS keyring answered when the vault was created; the key is not kept there.
audit-verified = The audit log is intact: { $events } events, { $records } records match it.
demo-created = Sample case { $reference } created, with two parties, a joint session and two caucuses.
