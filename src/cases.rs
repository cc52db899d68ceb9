//! Cases: the disputes a mediator works on, and the mediators on each.

use crate::audit::{Audited, Stamp};
use crate::confidentiality::ConfidentialityRegime;
use crate::error::{Entity, Error, Result};
use crate::ids::{CaseId, IdQuery};
use crate::mediators::{self, MediatorRole};
use crate::text::{self, MAX_NAME, MAX_REFERENCE, MAX_TITLE};
use crate::time;
use crate::vocab::vocabulary;
use chrono::{DateTime, Datelike, Utc};
use rusqlite::{Connection, OptionalExtension, Row};

use crate::store::Tx;
use serde::Serialize;

vocabulary!(
    /// What kind of dispute a case is.
    CaseKind, "kind" {
        StateToState => "state-to-state",
        InvestorState => "investor-state",
        Commercial => "commercial",
    }
);

vocabulary!(
    /// IOMed's panel the mediator is drawn from.
    Panel, "panel" {
        StateToState => "state-to-state",
        General => "general",
    }
);

vocabulary!(
    /// Where a case stands: intake → active → settled / terminated / withdrawn.
    CaseStatus, "status" {
        Intake => "intake",
        Active => "active",
        Settled => "settled",
        Terminated => "terminated",
        Withdrawn => "withdrawn",
    }
);

impl CaseKind {
    /// State-to-state disputes go to the State-to-State Mediation Panel, others to the General one.
    pub fn default_panel(self) -> Panel {
        match self {
            CaseKind::StateToState => Panel::StateToState,
            _ => Panel::General,
        }
    }
}

impl CaseStatus {
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            CaseStatus::Settled | CaseStatus::Terminated | CaseStatus::Withdrawn
        )
    }

    /// Whether a case may move from `self` to `to`.
    pub fn can_move_to(self, to: CaseStatus) -> bool {
        use CaseStatus::*;
        matches!(
            (self, to),
            (Intake, Active)
                | (Intake, Terminated)
                | (Intake, Withdrawn)
                | (Active, Settled)
                | (Active, Terminated)
                | (Active, Withdrawn)
        )
    }
}

/// A case as stored. Field names are the `--json` contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Case {
    pub id: CaseId,
    pub local_ref: String,
    pub official_no: Option<String>,
    pub kind: CaseKind,
    pub panel: Panel,
    pub status: CaseStatus,
    /// The rules its caucus confidentiality follows.
    pub confidentiality: ConfidentialityRegime,
    pub title_en: Option<String>,
    pub title_zh: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl Case {
    /// A title for one line of output: both languages when both exist.
    pub fn title(&self) -> String {
        match (&self.title_en, &self.title_zh) {
            (Some(en), Some(zh)) => format!("{en} / {zh}"),
            (Some(t), None) | (None, Some(t)) => t.clone(),
            (None, None) => String::new(),
        }
    }

    pub fn ensure_open(&self) -> Result<()> {
        if self.status.is_closed() {
            return Err(Error::CaseClosed(self.status.to_string()));
        }
        Ok(())
    }
}

/// What a new case needs. The panel defaults from the kind.
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(export, optional_fields)]
pub struct NewCase {
    pub kind: Option<CaseKind>,
    pub panel: Option<Panel>,
    /// Hong Kong's (closed unless authorised) when not given.
    pub confidentiality: Option<ConfidentialityRegime>,
    pub title_en: Option<String>,
    pub title_zh: Option<String>,
    pub official_no: Option<String>,
    /// The lead mediator; usually the vault's owner (the desktop app fills it in).
    #[ts(skip)]
    pub lead_mediator: String,
    pub co_mediators: Vec<String>,
}

/// A change to a case. `Some("")` clears an optional text field.
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(export, optional_fields)]
pub struct CaseUpdate {
    pub title_en: Option<String>,
    pub title_zh: Option<String>,
    pub official_no: Option<String>,
    pub kind: Option<CaseKind>,
    pub panel: Option<Panel>,
    pub status: Option<CaseStatus>,
    pub confidentiality: Option<ConfidentialityRegime>,
    pub add_co_mediators: Vec<String>,
    pub remove_co_mediators: Vec<String>,
}

/// Which cases to list. Text matches either title, a party's name or a reference.
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(export, optional_fields)]
pub struct CaseFilter {
    pub status: Option<CaseStatus>,
    pub kind: Option<CaseKind>,
    pub text: Option<String>,
}

const COLUMNS: &str =
    "id, local_ref, official_no, kind, panel, status, confidentiality, title_en, \
     title_zh, created_at, updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Case> {
    Ok(Case {
        id: row.get(0)?,
        local_ref: row.get(1)?,
        official_no: row.get(2)?,
        kind: row.get(3)?,
        panel: row.get(4)?,
        status: row.get(5)?,
        confidentiality: row.get(6)?,
        title_en: row.get(7)?,
        title_zh: row.get(8)?,
        created_at: row.get(9)?,
        updated_at: row.get(10)?,
    })
}

pub fn create(tx: &Tx<'_>, new: NewCase) -> Result<Case> {
    let kind = new.kind.ok_or(Error::Required { field: "kind" })?;
    let panel = new.panel.unwrap_or(kind.default_panel());
    let confidentiality = new
        .confidentiality
        .unwrap_or(ConfidentialityRegime::DEFAULT);
    let (title_en, title_zh) = text::bilingual(
        "title",
        new.title_en.as_deref(),
        new.title_zh.as_deref(),
        MAX_TITLE,
    )?;
    let official_no = text::optional("official_no", new.official_no.as_deref(), MAX_REFERENCE)?;
    let lead = text::required("mediator", &new.lead_mediator, MAX_NAME)?;
    let co: Vec<String> = new
        .co_mediators
        .iter()
        .map(|n| text::required("mediator", n, MAX_NAME))
        .collect::<Result<_>>()?;
    if let Some(no) = &official_no {
        ensure_official_no_free(tx, no, None)?;
    }
    let id = CaseId::new();
    let now = time::to_storage(tx.now());
    let local_ref = next_local_ref(tx, tx.now())?;
    tx.execute(
        "INSERT INTO cases (id, local_ref, official_no, kind, panel, status, confidentiality, title_en, title_zh, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'intake', ?6, ?7, ?8, ?9, ?9)",
        rusqlite::params![id, local_ref, official_no, kind, panel, confidentiality, title_en, title_zh, now],
    )?;
    let case = load(tx, id)?;
    tx.record("case.create", &case)?;
    mediators::add(tx, &case, MediatorRole::Lead, &lead)?;
    for name in co {
        mediators::add(tx, &case, MediatorRole::Co, &name)?;
    }
    Ok(case)
}

/// `ACC-<year>-<n>`, numbered from 1 each calendar year (UTC).
fn next_local_ref(conn: &Connection, at: DateTime<Utc>) -> Result<String> {
    let prefix = format!("ACC-{}-", at.year());
    // A range rather than LIKE, so the unique index on local_ref serves it.
    let last: Option<i64> = conn.query_row(
        "SELECT max(CAST(substr(local_ref, ?2) AS INTEGER)) FROM cases WHERE local_ref >= ?1 AND local_ref < ?1 || '~'",
        (&prefix, prefix.len() as i64 + 1),
        |row| row.get(0),
    )?;
    Ok(format!("{prefix}{:04}", last.unwrap_or(0) + 1))
}

fn ensure_official_no_free(conn: &Connection, no: &str, except: Option<CaseId>) -> Result<()> {
    let other: Option<CaseId> = conn
        .query_row("SELECT id FROM cases WHERE official_no = ?1", [no], |row| {
            row.get(0)
        })
        .optional()?;
    match other {
        Some(id) if Some(id) != except => Err(Error::Invalid {
            field: "official_no",
            value: format!("{no} is already used by another case"),
        }),
        _ => Ok(()),
    }
}

pub fn load(conn: &Connection, id: CaseId) -> Result<Case> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM cases WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        entity: Entity::Case,
        id: id.to_string(),
    })
}

/// Finds a case by its local reference (`ACC-2026-0007`), official number, id or short id.
pub fn find(conn: &Connection, reference: &str) -> Result<Case> {
    let reference = reference.trim();
    let by_ref = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM cases WHERE upper(local_ref) = upper(?1) OR official_no = ?1"),
            [reference],
            from_row,
        )
        .optional()?;
    if let Some(case) = by_ref {
        return Ok(case);
    }
    let query = IdQuery::parse(Entity::Case, reference)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM cases WHERE replace(id, '-', '') LIKE ?1 LIMIT 2"
    ))?;
    let found: Vec<Case> = stmt
        .query_map([query.like_pattern()], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    match found.len() {
        1 => Ok(found.into_iter().next().expect("one")),
        0 => Err(Error::NotFound {
            entity: Entity::Case,
            id: reference.into(),
        }),
        _ => Err(Error::Ambiguous {
            entity: Entity::Case,
            id: reference.into(),
        }),
    }
}

pub fn list(conn: &Connection, filter: &CaseFilter) -> Result<Vec<Case>> {
    let text = filter
        .text
        .as_ref()
        .map(|t| format!("%{}%", t.trim().replace('%', "\\%").replace('_', "\\_")));
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM cases c
         WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR kind = ?2)
           AND (?3 IS NULL OR title_en LIKE ?3 ESCAPE '\\' OR title_zh LIKE ?3 ESCAPE '\\'
                OR local_ref LIKE ?3 ESCAPE '\\' OR official_no LIKE ?3 ESCAPE '\\'
                OR EXISTS (SELECT 1 FROM parties p WHERE p.case_id = c.id
                           AND (p.name_en LIKE ?3 ESCAPE '\\' OR p.name_zh LIKE ?3 ESCAPE '\\')))
         ORDER BY created_at DESC, local_ref DESC"
    ))?;
    let rows = stmt.query_map(
        rusqlite::params![filter.status, filter.kind, text],
        from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn update(tx: &Tx<'_>, id: CaseId, change: CaseUpdate) -> Result<Case> {
    let before = load(tx, id)?;
    let only_official_no = change.title_en.is_none()
        && change.title_zh.is_none()
        && change.kind.is_none()
        && change.panel.is_none()
        && change.status.is_none()
        && change.confidentiality.is_none()
        && change.add_co_mediators.is_empty()
        && change.remove_co_mediators.is_empty();
    // The Secretariat's number may arrive after a case closed; nothing else may change then.
    if !only_official_no {
        before.ensure_open()?;
    }
    let mut after = before.clone();
    if let Some(t) = &change.title_en {
        after.title_en = text::optional("title", Some(t), MAX_TITLE)?;
    }
    if let Some(t) = &change.title_zh {
        after.title_zh = text::optional("title", Some(t), MAX_TITLE)?;
    }
    if after.title_en.is_none() && after.title_zh.is_none() {
        return Err(Error::Required { field: "title" });
    }
    if let Some(no) = &change.official_no {
        after.official_no = text::optional("official_no", Some(no), MAX_REFERENCE)?;
        if let Some(no) = &after.official_no {
            ensure_official_no_free(tx, no, Some(id))?;
        }
    }
    if let Some(kind) = change.kind {
        after.kind = kind;
    }
    if let Some(panel) = change.panel {
        after.panel = panel;
    }
    if let Some(regime) = change.confidentiality {
        after.confidentiality = regime;
    }
    if let Some(status) = change.status {
        if status != before.status && !before.status.can_move_to(status) {
            return Err(Error::InvalidTransition {
                from: before.status.to_string(),
                to: status.to_string(),
            });
        }
        after.status = status;
    }
    let adds: Vec<String> = change
        .add_co_mediators
        .iter()
        .map(|n| text::required("mediator", n, MAX_NAME))
        .collect::<Result<_>>()?;
    if after != before {
        tx.execute(
            "UPDATE cases SET official_no = ?2, kind = ?3, panel = ?4, status = ?5, title_en = ?6, title_zh = ?7, updated_at = ?8,
                              confidentiality = ?9
             WHERE id = ?1",
            rusqlite::params![id, after.official_no, after.kind, after.panel, after.status, after.title_en, after.title_zh, time::to_storage(tx.now()), after.confidentiality],
        )?;
        let case = load(tx, id)?;
        let action = if after.status != before.status {
            "case.status"
        } else {
            "case.update"
        };
        tx.record(action, &case)?;
    }
    for name in change.remove_co_mediators {
        mediators::remove_co(tx, id, &name)?;
    }
    let case = load(tx, id)?;
    for name in adds {
        mediators::add(tx, &case, MediatorRole::Co, &name)?;
    }
    Ok(case)
}

/// Closes a case as settled, terminated or withdrawn.
pub fn close(tx: &Tx<'_>, id: CaseId, outcome: CaseStatus) -> Result<Case> {
    if !outcome.is_closed() {
        return Err(Error::Invalid {
            field: "outcome",
            value: format!("{outcome} (one of: settled, terminated, withdrawn)"),
        });
    }
    update(
        tx,
        id,
        CaseUpdate {
            status: Some(outcome),
            ..Default::default()
        },
    )
}

/// Appends a `case.migrate` event for every case existing when schema 3 added the
/// confidentiality regime, so the audit log matches what the cases now hold. Runs inside
/// the migration, where no mediator is acting: the actor says what did it, and the time
/// is the clock's (the one place the core reads it, as a migration has no caller's time).
pub(crate) fn record_schema_3_regime(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    let stamp = Stamp {
        at: Utc::now(),
        actor: "Accord schema 3".into(),
    };
    let tx = &Tx::new(tx, &stamp);
    let ids: Vec<CaseId> = tx
        .prepare("SELECT id FROM cases ORDER BY created_at, id")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        let case = load(tx, id)?;
        tx.record("case.migrate", &case)?;
    }
    Ok(())
}

impl Audited for Case {
    const KIND: &'static str = "case";
    const TABLES: &'static [&'static str] = &["cases"];

    fn audit_id(&self) -> String {
        self.id.to_string()
    }
    fn audit_case(&self) -> Option<String> {
        Some(self.id.to_string())
    }
    fn all_live(conn: &Connection) -> Result<Vec<Self>> {
        let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM cases"))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
