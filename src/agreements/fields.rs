//! The case's facts a clause may name and stay linked to: `{{party.requesting}}`,
//! `{{case.number}}` … Stored as written, filled in whenever the clause is shown, frozen or
//! checked, so a party's corrected name reaches every clause that names it. A version
//! freezes the values it was printed with.
//!
//! `[[amount]]` and the like are different: blanks a template leaves for the mediator, which
//! the final check refuses while any is left (`super::checks`).

use std::collections::BTreeMap;

use rusqlite::Connection;

use crate::bilingual::{ChineseScript, Side};
use crate::cases;
use crate::error::Result;
use crate::ids::CaseId;
use crate::parties::{self, PartyRole};

/// The names a clause may hold as `{{name}}`.
pub const FIELDS: &[&str] = &[
    "case.number",
    "case.title",
    "party.requesting",
    "party.responding",
    "parties",
    "mediator",
    "institution",
];

/// The blanks a template may leave as `[[name]]` for the mediator to fill.
pub const BLANKS: &[&str] = &[
    "amount",
    "currency",
    "date",
    "deadline",
    "percentage",
    "governing-law",
    "seat",
    "rules",
    "account",
    "place",
    "instalments",
];

/// One fact as a version keeps it: its name and what it showed in each language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Fact {
    pub name: String,
    pub en: String,
    pub zh: String,
}

/// The value of every field, per language: what `{{name}}` shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    pub en: BTreeMap<String, String>,
    pub zh: BTreeMap<String, String>,
}

impl Fields {
    /// As a version keeps them.
    pub fn facts(&self) -> Vec<Fact> {
        self.en
            .iter()
            .map(|(name, en)| Fact {
                name: name.clone(),
                en: en.clone(),
                zh: self.zh.get(name).cloned().unwrap_or_default(),
            })
            .collect()
    }

    /// Back from a version's facts.
    pub fn of_facts(facts: &[Fact]) -> Self {
        Fields {
            en: facts
                .iter()
                .map(|f| (f.name.clone(), f.en.clone()))
                .collect(),
            zh: facts
                .iter()
                .map(|f| (f.name.clone(), f.zh.clone()))
                .collect(),
        }
    }

    pub fn side(&self, side: Side) -> &BTreeMap<String, String> {
        match side {
            Side::En => &self.en,
            Side::Zh => &self.zh,
        }
    }
}

/// Whether `name` (inside `{{…}}`) is a field.
pub fn is_field(name: &str) -> bool {
    FIELDS.contains(&name.trim())
}

/// The case's facts now. A fact the case lacks (no responding party yet, no Chinese
/// name) shows as its blank, `[[party.responding]]`, so the final check finds it.
pub fn of_case(conn: &Connection, case_id: CaseId, script: ChineseScript) -> Result<Fields> {
    let case = cases::load(conn, case_id)?;
    let parties = parties::list(conn, case_id)?;
    let mut fields = Fields::default();
    let number = case
        .official_no
        .clone()
        .unwrap_or_else(|| case.local_ref.clone());
    let pick = |en: &Option<String>, zh: &Option<String>, name: &str| -> (String, String) {
        let blank = format!("[[{name}]]");
        (
            en.clone()
                .or_else(|| zh.clone())
                .unwrap_or_else(|| blank.clone()),
            zh.clone().or_else(|| en.clone()).unwrap_or(blank),
        )
    };
    let mut put = |name: &str, (en, zh): (String, String)| {
        fields.en.insert(name.into(), en);
        fields.zh.insert(name.into(), zh);
    };
    put("case.number", (number.clone(), number));
    put(
        "case.title",
        pick(&case.title_en, &case.title_zh, "case.title"),
    );
    for (role, name) in [
        (PartyRole::Requesting, "party.requesting"),
        (PartyRole::Responding, "party.responding"),
    ] {
        let party = parties.iter().find(|p| p.role == role);
        let (en, zh) = (
            party.and_then(|p| p.name_en.clone()),
            party.and_then(|p| p.name_zh.clone()),
        );
        put(name, pick(&en, &zh, name));
    }
    let names = |side: Side| -> String {
        let list: Vec<String> = parties
            .iter()
            .map(|p| match side {
                Side::En => p.name_en.clone().or(p.name_zh.clone()),
                Side::Zh => p.name_zh.clone().or(p.name_en.clone()),
            })
            .map(Option::unwrap_or_default)
            .collect();
        match side {
            Side::En => list.join(", "),
            Side::Zh => list.join("、"),
        }
    };
    put("parties", (names(Side::En), names(Side::Zh)));
    let mediator = crate::mediators::list(conn, case_id)?
        .into_iter()
        .find(|m| m.role == crate::mediators::MediatorRole::Lead)
        .map(|m| m.name)
        .unwrap_or_else(|| "[[mediator]]".into());
    put("mediator", (mediator.clone(), mediator));
    put(
        "institution",
        (
            "International Organization for Mediation".into(),
            match script {
                ChineseScript::Simplified => "国际调解院".into(),
                ChineseScript::Traditional => "國際調解院".into(),
            },
        ),
    );
    Ok(fields)
}
