# Accord's program text, English (the fallback for every other catalog).
# Keep the three catalogs' keys identical: a test fails otherwise.

## Errors, by stable code (dots and underscores become dashes)

error-label = error
warning-label = warning
error-vault-not-found = There is no vault at { $path }. Create one with “accord init”, or point --vault at an existing one.
error-vault-exists = A vault already exists at { $path }. Nothing was changed.
error-vault-in-use = The vault is in use by another Accord window or command. Close it and try again.
error-vault-locked = The vault is locked. Unlock it to continue.
error-vault-keyring-after-lock = The vault was locked: type the passphrase to unlock it. The keyring opens it again after that.
error-vault-wrong-passphrase = Wrong passphrase. Nothing was changed.
error-vault-wrong-recovery-key = That recovery key does not open this vault. Check it and try again.
error-vault-passphrase-required = A passphrase is needed. Type it at the prompt, or give --passphrase-file or ACCORD_PASSPHRASE.
error-vault-passphrase-too-short = The passphrase must have at least { $min } characters.
error-vault-passphrase-mismatch = The two passphrases differ. Nothing was changed.
error-vault-damaged = The vault is damaged ({ $detail }). Nothing was changed; restore it from a backup.
error-vault-cipher-missing = This build of Accord cannot encrypt its database, so it refuses to write one.
error-vault-schema-too-new = This vault was written by a newer Accord (schema { $found }; this one knows { $known }). Update Accord; nothing was changed.
error-vault-needs-migration = This vault has an older schema ({ $found }; this Accord uses { $known }) and another Accord holds it open, so it cannot be upgraded now. Close the other Accord (the desktop app or a running command) and try again; nothing was changed.
error-vault-weak-kdf = Key-derivation settings rejected: { $detail }.
error-files-not-private = { $path } is not private to you ({ $detail }): other users of this computer could read or replace it. Make it yours alone: chmod 700 for a folder, chmod 600 for a file.
error-keyring-unavailable = The OS keyring did not answer ({ $detail }). The vault still opens with its passphrase.
error-input-not-found = No { $entity } “{ $id }” was found.
error-input-ambiguous = “{ $id }” matches more than one { $entity }; give more of its id.
error-input-invalid = The { $field } is not valid: { $value }.
error-input-required = The { $field } is required.
error-input-too-long = The { $field } is longer than { $max } characters.
error-input-invisible-character = The { $field } holds the character { $codepoint }, which breaks the line or is invisible and can make text read in another order than it is stored. Remove it and try again.
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
error-agreement-final = The agreement is final and can no longer be changed.
error-agreement-clause-referenced = Clause { $clause } is referred to by clause { $by }: remove that reference first.
error-agreement-clause-has-subclauses = Clause { $clause } has sub-clauses: move or remove them first.
error-agreement-unknown-reference = There is no clause { $reference } to refer to.
error-agreement-checks-failed = { $count } checks failed, so the agreement stays a draft. Run the checks to see each one.
error-agreement-print-failed = The agreement could not be typeset ({ $detail }). Nothing was written.
error-audit-broken = The audit log is broken at event { $seq }: { $reason }.
error-audit-rolled-back = This vault's database is older than its audit anchor: event { $anchored } was recorded, but the log now ends at event { $found }. A copy of the database was put back, or recent changes were lost. Nothing was changed; restore the latest backup.
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
field-en = English term
field-zh-hans = Simplified Chinese term
field-zh-hant = Traditional Chinese term
field-zh = Chinese term (Simplified or Traditional)
field-domain = domain
field-note = note
field-csv = CSV file
field-file = file
entity-case = case
entity-party = party
entity-session = session
entity-mediator = mediator
entity-note = note
entity-revision = revision
entity-term = term
entity-agreement = agreement
entity-clause = clause
entity-version = version
entity-template = library template

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
origin-seed = seed list
origin-mediator = mediator
origin-import = imported
side-en = English
side-zh = Chinese

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
col-term-en = English
col-term-zh-hans = Simplified
col-term-zh-hant = Traditional
col-domain = Domain
col-origin = Source
col-found-in = Found in
col-missing-from = Missing from

## Command messages

prompt-passphrase = Passphrase
prompt-new-passphrase = New passphrase
prompt-repeat-passphrase = Repeat the new passphrase
prompt-recovery-key = Recovery key
notice-keyring-unavailable = Note: no OS keyring (Secret Service) answered, so this vault opens by passphrase only. Run “accord keyring enable” once one is available. ({ $detail })
notice-secret-file-open = Warning: { $path } can be read by other users of this computer. Keep a passphrase file private: chmod 600 { $path }
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
recovery-rotated = A new recovery key has been made. The old one no longer opens this vault (copies of the old vault.json still accept it: `accord rekey` ends that).
rekey-done = The vault has been re-encrypted under a new key, with a new recovery key. Your passphrase is unchanged. The old recovery key, and any copy of the old vault.json, no longer open this vault.
keyring-state-enabled = The key is kept in the OS keyring.
keyring-state-disabled = The key is not kept in the OS keyring.
keyring-state-unavailable = No OS keyring answered when the vault was created; the key is not kept there.
guard-on = The caucus guard is on: a joint session is under way, so caucus and private notes stay hidden in the app until confirmed.
guard-off = The caucus guard is off: no joint session is under way.
audit-verified = The audit log is intact: { $events } events, { $records } records match it.
demo-created = Sample case { $reference } created, with two parties, a joint session and two caucuses.

## Notes

field-text = text
field-text-en = English text
field-text-zh = Chinese text
field-checked-by = translation checker
field-scope = disclosure scope
field-given-by = name of who spoke for the party
field-given-at = time the party gave its word
field-summary = summary
field-visibility = visibility
field-tag = tag
field-script = script
field-session = session
field-side = translated side
field-confidentiality = confidentiality regime
field-query = search
visibility-shared = Shared
visibility-caucus = Caucus
visibility-private = Private
tag-fact = Fact
tag-issue = Issue
tag-interest = Interest
tag-option = Option
tag-proposal = Proposal
scope-all = may be disclosed in full
scope-summary = a summary may be disclosed
scope-none = confidential
translated-en = English translates the Chinese
translated-zh = Chinese translates the English
confidentiality-icsid = ICSID Mediation Rules (closed unless authorised)
confidentiality-hong-kong = Hong Kong Mediation Ordinance (closed unless authorised)
confidentiality-uncitral = UNCITRAL Model Law (open unless confidence is asked)
label-confidentiality = Caucus confidentiality
label-visibility = Visibility
label-tags = Tags
label-revision = Revision
label-saved = Saved
label-disclosure = Disclosure
label-translation = Translation
label-text-en = English
label-text-zh = Chinese
col-visibility = Visibility
col-tags = Tags
col-text = Text
col-revision = Revision
col-note = Note
col-scope = Disclosure
col-given-by = Given by
col-given-at = Given at
note-restored-from = (restored #{ $revision })
term-imported = Imported: { $added } added, { $updated } updated, { $unchanged } unchanged.
term-exported = { $count } terms written to { $path }.
term-removed = Term “{ $en }” removed.
term-check-clean = No gaps: every known term on one side has its counterpart on the other.
col-when = When
search-total = Notes found: { $total }

## Agreements (accord draft)

status-draft = Draft
status-final = Final
position-proposed = Proposed
position-accepted = Accepted
position-objected = Objected
position-open = Open
language-regime-equal = Both texts equally authentic
language-regime-en-prevails = The English text prevails
language-regime-zh-prevails = The Chinese text prevails
script-hans = Simplified
script-hant = Traditional
field-heading-en = English heading
field-heading-zh = Chinese heading
field-missing-reason = reason a language is missing
field-comment = comment
field-label = version label
field-place = place of the clause
field-language-regime = language regime
field-position = position
label-language-regime = Language regime
label-script = Chinese script
label-version = Version
label-version-label = Label
label-saved-by = Saved by
label-fingerprint = Fingerprint
label-missing-reason = Language missing
col-updated = Updated
col-version = Version
col-label = Label
col-fingerprint = Fingerprint
draft-clause-removed = Clause { $number } removed.
draft-no-clauses = No clauses yet.
draft-no-versions = No versions saved yet.

# Agreements: redlines and checks.
draft-diff-moved = { $to } (moved from { $from })
change-same = unchanged
change-edited = edited
change-added = added
change-removed = removed
change-moved = moved
draft-checks-passed = Every check passes: the agreement may be made final.
draft-final = The agreement is final, frozen as this version:
check-missing-language = Clause { $clause } has no { $side ->
        [en] English
       *[zh] Chinese
    } text, and no reason is recorded.
check-term-gap = Clause { $clause }: the term “{ $term }” is in the { $found_in ->
        [en] English
       *[zh] Chinese
    } text but not in the other.
check-placeholder = Clause { $clause }: { $placeholder } is not filled in.
check-figure-mismatch = Clause { $clause }: { $detail }
check-figure-flag = Clause { $clause }: “{ $text }” must be settled by hand ({ $flag }).
check-language-clause = The agreement needs exactly one language clause; it has { $count }.
check-signature-block = The agreement needs exactly one signature block; it has { $count }.
check-mediator-statement = The agreement needs exactly one statement by the mediator that it resulted from mediation; it has { $count }.
check-font-coverage = { $where ->
    [title] The title
   *[clause] Clause { $clause }
} has characters the printed agreement's fonts cannot draw: { $chars }. Write them another way, or the PDF would show empty boxes.
draft-source-moved-on = Its proposal note has been changed since it was taken.
library-saved = Saved to the library as { $key }.
library-exported = { $count } templates written to { $path }.
library-imported = Library: { $added } added, { $updated } updated, { $unchanged } unchanged.
col-key = Key
draft-rendered = Written to { $path }.
