//! When the desktop app locks itself, and what the shell tells the UI about it.
//!
//! Decisions (security review 2026-12, findings 10–12):
//!
//! - **The shell keeps the clock, not the web view.** A web view that hangs, or a lock call
//!   that fails, must not leave the vault open, so the idle rule lives here and the shell
//!   runs it on its own thread ([`IdleClock`]). The UI only reports input (throttled) and
//!   answers [`AppEvent::LockRequested`] by saving what is pending and locking; if it has
//!   not done so [`LOCK_GRACE`] later, the shell locks anyway and sends
//!   [`AppEvent::Locked`], so the screen follows.
//! - **A live session may wait longer, never forever.** While any session is under way
//!   the longer of the two delays applies ([`crate::preferences::Preferences`] bounds both
//!   to 1–240 minutes), so a mediator listening for an hour is not locked out mid-session,
//!   and a laptop left in the room still locks.
//! - **A lock takes the key out of the OS keyring** (as `accord lock` does): after a lock,
//!   quitting and starting again asks for the passphrase. The vault keeps its keyring
//!   setting, and the next passphrase unlock puts the key back. Until then this process
//!   refuses to unlock from the keyring ([`crate::Error::KeyringAfterLock`]), even if a
//!   copy survived (a keyring that failed to delete it).

use std::time::{Duration, Instant};

use serde::Serialize;

use crate::preferences::Preferences;

/// Between asking the UI to lock and locking without it: long enough for a pending
/// autosave (one note, a few milliseconds) on a slow laptop, short enough not to matter.
pub const LOCK_GRACE: Duration = Duration::from_secs(5);

/// How long the window may wait for the UI to save and answer a close before the shell
/// closes it anyway (a hung web view must not keep the app open).
pub const CLOSE_GRACE: Duration = Duration::from_secs(3);

/// Why the vault was locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LockReason {
    /// The lock button or Ctrl+L.
    Manual,
    /// No input for the auto-lock delay.
    Idle,
    /// The screen guard (Ctrl+Shift+H).
    Guard,
}

/// What the shell tells the UI without being asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum AppEvent {
    /// Save what is pending and lock: the shell locks by itself after [`LOCK_GRACE`].
    LockRequested { reason: LockReason },
    /// The shell locked the vault itself; nothing of it is open any more.
    Locked { reason: LockReason },
    /// The window is closing: save what is pending, then quit (`app_quit`). The shell
    /// closes it by itself after [`CLOSE_GRACE`].
    CloseRequested,
}

/// What the idle clock asks the shell to do now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdleStep {
    /// Nothing to do.
    Wait,
    /// Send [`AppEvent::LockRequested`] (once per quiet spell).
    AskUi,
    /// The UI did not lock in time: lock now and send [`AppEvent::Locked`].
    LockNow,
}

/// The idle rule, kept by the shell: input restarts it, the delay comes from the
/// preferences and whether a session is live.
#[derive(Debug, Clone)]
pub struct IdleClock {
    last_input: Instant,
    asked_at: Option<Instant>,
}

impl IdleClock {
    pub fn new(now: Instant) -> Self {
        IdleClock {
            last_input: now,
            asked_at: None,
        }
    }

    /// The mediator did something (a command, a key, the mouse): the count starts again.
    pub fn input(&mut self, now: Instant) {
        self.last_input = now;
        self.asked_at = None;
    }

    /// What to do at `now`, for a vault that is open. `session_live` is asked only once
    /// the shorter delay has passed (it reads the database; the shell steps twice a second).
    pub fn step(
        &mut self,
        now: Instant,
        preferences: &Preferences,
        session_live: impl FnOnce() -> bool,
    ) -> IdleStep {
        let quiet = now.saturating_duration_since(self.last_input);
        if quiet < idle_limit(preferences, false) || quiet < idle_limit(preferences, session_live())
        {
            return IdleStep::Wait;
        }
        match self.asked_at {
            None => {
                self.asked_at = Some(now);
                IdleStep::AskUi
            }
            Some(asked) if now.saturating_duration_since(asked) >= LOCK_GRACE => IdleStep::LockNow,
            Some(_) => IdleStep::Wait,
        }
    }
}

/// How long without input before the app locks: the auto-lock delay, or while a session
/// is live the longer of it and the session delay.
pub fn idle_limit(preferences: &Preferences, session_live: bool) -> Duration {
    let minutes = if session_live {
        preferences
            .auto_lock_minutes
            .max(preferences.session_auto_lock_minutes)
    } else {
        preferences.auto_lock_minutes
    };
    Duration::from_secs(u64::from(minutes) * 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefs(auto: u32, session: u32) -> Preferences {
        Preferences {
            auto_lock_minutes: auto,
            session_auto_lock_minutes: session,
            ..Preferences::default()
        }
    }

    const MIN: Duration = Duration::from_secs(60);

    #[test]
    fn the_ui_is_asked_at_the_delay_and_the_shell_locks_after_the_grace() {
        let start = Instant::now();
        let mut clock = IdleClock::new(start);
        let p = prefs(2, 30);
        assert_eq!(clock.step(start + MIN, &p, || false), IdleStep::Wait);
        assert_eq!(clock.step(start + 2 * MIN, &p, || false), IdleStep::AskUi);
        // Asked once per quiet spell, not at every tick.
        assert_eq!(
            clock.step(start + 2 * MIN + Duration::from_secs(1), &p, || false),
            IdleStep::Wait
        );
        assert_eq!(
            clock.step(start + 2 * MIN + LOCK_GRACE, &p, || false),
            IdleStep::LockNow,
            "a UI that does not answer is locked anyway"
        );
    }

    #[test]
    fn input_restarts_the_count_even_after_the_ui_was_asked() {
        let start = Instant::now();
        let mut clock = IdleClock::new(start);
        let p = prefs(2, 30);
        assert_eq!(clock.step(start + 2 * MIN, &p, || false), IdleStep::AskUi);
        clock.input(start + 2 * MIN + Duration::from_secs(1));
        assert_eq!(clock.step(start + 3 * MIN, &p, || false), IdleStep::Wait);
        assert_eq!(
            clock.step(start + 4 * MIN + Duration::from_secs(1), &p, || false),
            IdleStep::AskUi
        );
    }

    #[test]
    fn a_live_session_waits_longer_but_never_forever() {
        let p = prefs(10, 45);
        assert_eq!(idle_limit(&p, false), 10 * MIN);
        assert_eq!(idle_limit(&p, true), 45 * MIN);
        // A session delay shorter than the usual one does not shorten it.
        assert_eq!(idle_limit(&prefs(10, 5), true), 10 * MIN);
        let start = Instant::now();
        let mut clock = IdleClock::new(start);
        // Before the usual delay the database is not asked about sessions at all.
        assert_eq!(
            clock.step(start + 5 * MIN, &p, || panic!(
                "asked before the usual delay"
            )),
            IdleStep::Wait
        );
        assert_eq!(clock.step(start + 30 * MIN, &p, || true), IdleStep::Wait);
        assert_eq!(clock.step(start + 45 * MIN, &p, || true), IdleStep::AskUi);
        // The longest either may be is bounded by the preferences' own check.
        let most = Preferences {
            session_auto_lock_minutes: crate::preferences::AUTO_LOCK_MAX_MINUTES + 1,
            ..p
        };
        assert!(most.validate().is_err(), "no setting means never");
    }
}
