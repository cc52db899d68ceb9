//! Times as mediators give them: wall-clock times at a venue, in the venue's IANA zone.
//!
//! Stored in UTC with the zone beside them; shown in the venue's zone and the laptop's.
//! A wall-clock time that a daylight-saving change skips or repeats is refused rather
//! than guessed.

use chrono::{
    DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, TimeZone, Utc,
};
use chrono_tz::Tz;

use crate::error::{Error, Result};

/// An IANA zone such as `Asia/Hong_Kong`.
pub fn parse_zone(name: &str) -> Result<Tz> {
    name.trim()
        .parse::<Tz>()
        .map_err(|_| Error::InvalidTimeZone(name.trim().to_string()))
}

const LOCAL_FORMATS: &[&str] = &[
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
];

/// Reads a time typed by a person: an RFC 3339 instant (`2026-12-03T02:00:00Z`), or a
/// wall-clock time in `zone` (`2026-12-03 10:00`).
pub fn parse_time(field: &'static str, text: &str, zone: Tz) -> Result<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Ok(instant.with_timezone(&Utc));
    }
    let naive = LOCAL_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .ok_or_else(|| Error::InvalidTime {
            field,
            value: text.to_string(),
        })?;
    from_wall_clock(naive, zone)
}

/// A wall-clock time on the same day as `day` (in `zone`), for `--end 12:30`.
pub fn parse_time_on_day(
    field: &'static str,
    text: &str,
    zone: Tz,
    day: DateTime<Utc>,
) -> Result<DateTime<Utc>> {
    let text = text.trim();
    match NaiveTime::parse_from_str(text, "%H:%M") {
        Ok(t) => {
            let date: NaiveDate = day.with_timezone(&zone).date_naive();
            from_wall_clock(date.and_time(t), zone)
        }
        Err(_) => parse_time(field, text, zone),
    }
}

fn from_wall_clock(naive: NaiveDateTime, zone: Tz) -> Result<DateTime<Utc>> {
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        _ => Err(Error::LocalTimeGap {
            value: naive.format("%Y-%m-%d %H:%M").to_string(),
            zone: zone.name().into(),
        }),
    }
}

/// A duration such as `90m`, `2h` or `1h30m`.
pub fn parse_duration(text: &str) -> Result<chrono::Duration> {
    let invalid = || Error::Invalid {
        field: "duration",
        value: text.to_string(),
    };
    let mut minutes: i64 = 0;
    let mut number = String::new();
    for c in text.trim().chars() {
        match c {
            '0'..='9' => number.push(c),
            'h' | 'm' => {
                let n: i64 = number.parse().map_err(|_| invalid())?;
                minutes += if c == 'h' { n * 60 } else { n };
                number.clear();
            }
            _ => return Err(invalid()),
        }
    }
    if !number.is_empty() {
        minutes += number.parse::<i64>().map_err(|_| invalid())?;
    }
    if minutes <= 0 || minutes > 7 * 24 * 60 {
        return Err(invalid());
    }
    Ok(chrono::Duration::minutes(minutes))
}

/// The storage form: RFC 3339 in UTC with seconds, e.g. `2026-12-03T02:00:00Z`.
pub fn to_storage(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub fn from_storage(text: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
}

/// `2026-12-03 10:00 HKT`: a time as seen in `zone`.
pub fn show_in(t: DateTime<Utc>, zone: Tz) -> String {
    t.with_timezone(&zone)
        .format("%Y-%m-%d %H:%M %Z")
        .to_string()
}

/// This laptop's time zone (`TZ` if it names one, else the system's), for reading
/// calendar days the mediator types; UTC when neither can be read.
pub fn local_zone() -> Tz {
    std::env::var("TZ")
        .ok()
        .and_then(|tz| tz.trim_start_matches(':').parse().ok())
        .or_else(|| iana_time_zone::get_timezone().ok()?.parse().ok())
        .unwrap_or(Tz::UTC)
}

/// A time as seen on this laptop's clock.
pub fn show_local(t: DateTime<Utc>) -> String {
    t.with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M %:z")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wall_clock_times_are_read_in_the_venue_zone() {
        let hk = parse_zone("Asia/Hong_Kong").unwrap();
        let t = parse_time("start", "2026-12-03 10:00", hk).unwrap();
        assert_eq!(to_storage(t), "2026-12-03T02:00:00Z");
        let nairobi = parse_zone("Africa/Nairobi").unwrap();
        assert_eq!(show_in(t, nairobi), "2026-12-03 05:00 EAT");
    }

    #[test]
    fn rfc3339_instants_ignore_the_zone() {
        let hk = parse_zone("Asia/Hong_Kong").unwrap();
        let t = parse_time("start", "2026-12-03T10:00:00+08:00", hk).unwrap();
        assert_eq!(to_storage(t), "2026-12-03T02:00:00Z");
    }

    #[test]
    fn skipped_and_repeated_wall_clock_times_are_refused() {
        let london = parse_zone("Europe/London").unwrap();
        assert!(matches!(
            parse_time("start", "2026-03-29 01:30", london),
            Err(Error::LocalTimeGap { .. })
        ));
        assert!(matches!(
            parse_time("start", "2026-10-25 01:30", london),
            Err(Error::LocalTimeGap { .. })
        ));
    }

    #[test]
    fn malformed_input_is_a_clear_error() {
        let hk = parse_zone("Asia/Hong_Kong").unwrap();
        assert!(matches!(
            parse_time("start", "2026-02-30 10:00", hk),
            Err(Error::InvalidTime { .. })
        ));
        assert!(matches!(
            parse_time("start", "tomorrow", hk),
            Err(Error::InvalidTime { .. })
        ));
        assert!(matches!(
            parse_zone("Asia/Atlantis"),
            Err(Error::InvalidTimeZone(_))
        ));
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("1h30m").unwrap().num_minutes(), 90);
        assert_eq!(parse_duration("45").unwrap().num_minutes(), 45);
        assert!(parse_duration("0m").is_err());
        assert!(parse_duration("soon").is_err());
    }
}
