//! The mediator's interface preferences: language and the auto-lock delays.
//!
//! Not confidential, so kept as a small JSON file in the platform config directory,
//! outside the vault (they are needed before it is unlocked) and outside the webview's
//! storage (which Accord does not use).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The interface languages.
pub const LANGUAGES: &[&str] = &["en", "zh-Hans", "zh-Hant"];

/// Bounds of both auto-lock delays, in minutes: never none (see [`crate::lock`]).
pub const AUTO_LOCK_MIN_MINUTES: u32 = 1;
pub const AUTO_LOCK_MAX_MINUTES: u32 = 240;
pub const AUTO_LOCK_DEFAULT_MINUTES: u32 = 10;
/// While a session is live: long enough to listen to one party's opening statement.
pub const SESSION_AUTO_LOCK_DEFAULT_MINUTES: u32 = 30;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct Preferences {
    /// `en`, `zh-Hans` or `zh-Hant`.
    pub lang: String,
    /// Minutes without input before the app locks itself; 1 to 240.
    pub auto_lock_minutes: u32,
    /// The same while a session is under way (the longer of the two applies); 1 to 240.
    pub session_auto_lock_minutes: u32,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            lang: "en".into(),
            auto_lock_minutes: AUTO_LOCK_DEFAULT_MINUTES,
            session_auto_lock_minutes: SESSION_AUTO_LOCK_DEFAULT_MINUTES,
        }
    }
}

impl Preferences {
    pub fn validate(&self) -> Result<()> {
        if !LANGUAGES.contains(&self.lang.as_str()) {
            return Err(Error::Invalid {
                field: "lang",
                value: self.lang.clone(),
            });
        }
        let delays = [
            ("auto_lock_minutes", self.auto_lock_minutes),
            ("session_auto_lock_minutes", self.session_auto_lock_minutes),
        ];
        for (field, minutes) in delays {
            if !(AUTO_LOCK_MIN_MINUTES..=AUTO_LOCK_MAX_MINUTES).contains(&minutes) {
                return Err(Error::Invalid {
                    field,
                    value: minutes.to_string(),
                });
            }
        }
        Ok(())
    }

    /// The default location, e.g. `~/.config/accord/preferences.json`.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("org", "IOMed", "Accord")
            .map(|d| d.config_dir().join("preferences.json"))
    }

    /// Reads preferences; a missing or unreadable file gives the defaults.
    pub fn load(path: &Path) -> Self {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Preferences>(&bytes).ok())
            .filter(|p| p.validate().is_ok())
            .unwrap_or_default()
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        self.validate()?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("json.tmp");
        std::fs::write(&tmp, serde_json::to_vec_pretty(self).expect("serializes"))?;
        std::fs::rename(&tmp, path)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_bad_values_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        assert_eq!(Preferences::load(&path), Preferences::default());
        let p = Preferences {
            lang: "zh-Hant".into(),
            auto_lock_minutes: 5,
            session_auto_lock_minutes: 60,
        };
        p.save(&path).unwrap();
        assert_eq!(Preferences::load(&path), p);
        assert!(Preferences {
            lang: "fr".into(),
            ..p.clone()
        }
        .save(&path)
        .is_err());
        assert!(Preferences {
            auto_lock_minutes: 0,
            ..p.clone()
        }
        .save(&path)
        .is_err());
        assert!(Preferences {
            session_auto_lock_minutes: 0,
            ..p.clone()
        }
        .save(&path)
        .is_err());
        // A file from before the session delay existed keeps its settings.
        std::fs::write(&path, r#"{"lang":"zh-Hans","autoLockMinutes":7}"#).unwrap();
        let old = Preferences::load(&path);
        assert_eq!((old.lang.as_str(), old.auto_lock_minutes), ("zh-Hans", 7));
        assert_eq!(
            old.session_auto_lock_minutes,
            SESSION_AUTO_LOCK_DEFAULT_MINUTES
        );
        std::fs::write(&path, "garbage").unwrap();
        assert_eq!(Preferences::load(&path), Preferences::default());
    }
}
