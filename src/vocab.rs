//! Closed vocabularies stored as text: case kinds, statuses, party roles …
//!
//! Each is an enum whose stable spelling (`state-to-state`, `caucus` …) is used in the
//! database, in `--json` output and on the command line alike.

/// Declares an enum with one stable spelling per variant, parsing and printing it.
/// Unknown spellings become [`crate::Error::Invalid`] naming `$field`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $field:literal { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        #[ts(export)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::Error;
            fn from_str(s: &str) -> crate::Result<Self> {
                let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == wanted)
                    .ok_or_else(|| crate::Error::Invalid {
                        field: $field,
                        value: format!(
                            "{s} (one of: {})",
                            $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
                        ),
                    })
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                text.parse().map_err(|_| rusqlite::types::FromSqlError::InvalidType)
            }
        }
    };
}

pub(crate) use vocabulary;

#[cfg(test)]
mod tests {
    use crate::cases::CaseKind;

    #[test]
    fn spellings_parse_forgivingly_and_print_exactly() {
        assert_eq!(
            "State_To_State".parse::<CaseKind>().unwrap(),
            CaseKind::StateToState
        );
        assert_eq!(CaseKind::InvestorState.to_string(), "investor-state");
        let err = "tort".parse::<CaseKind>().unwrap_err().to_string();
        assert!(
            err.contains("one of: state-to-state, investor-state, commercial"),
            "{err}"
        );
    }
}
