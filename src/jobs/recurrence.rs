//! When a schedule runs next, in its own time zone. DST policy for local-time schedules: a
//! time that does not exist (spring forward) runs once, right after the gap; a time that
//! happens twice (fall back) runs once, at its first occurrence. Cron patterns follow
//! croner's documented policy, which is the same for fixed times.

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use croner::Cron;

/// Days a schedule runs on: bit 0 = Monday … bit 6 = Sunday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weekdays(pub u8);

impl Weekdays {
    pub const ALL: Weekdays = Weekdays(0b111_1111);
    pub const MONDAY_TO_FRIDAY: Weekdays = Weekdays(0b001_1111);

    pub fn contains(self, date: NaiveDate) -> bool {
        self.0 & (1 << date.weekday().num_days_from_monday()) != 0
    }
}

#[derive(Debug, Clone)]
pub enum Recurrence {
    /// Every selected weekday at a local wall-clock time.
    Daily {
        at: NaiveTime,
        weekdays: Weekdays,
    },
    Cron(Box<Cron>),
}

impl Recurrence {
    /// `HH:MM` (24-hour) from 00:00 to 23:59.
    pub fn parse_local_time(text: &str) -> Option<NaiveTime> {
        let (h, m) = text.split_once(':')?;
        if h.len() != 2 || m.len() != 2 {
            return None;
        }
        NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
    }

    pub fn parse_cron(pattern: &str) -> Option<Recurrence> {
        pattern.parse::<Cron>().ok().map(|c| Recurrence::Cron(Box::new(c)))
    }

    /// The first occurrence strictly after `after`, or `None` if there is none (an empty
    /// weekday set, or a cron pattern that never matches).
    pub fn next_after(&self, zone: Tz, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        match self {
            Recurrence::Daily { at, weekdays } => {
                let start = after.with_timezone(&zone).date_naive();
                (0..=8)
                    .map(|d| start + Duration::days(d))
                    .filter(|date| weekdays.contains(*date))
                    .map(|date| resolve(zone, date.and_time(*at)))
                    .find(|instant| *instant > after)
            }
            Recurrence::Cron(cron) => {
                cron.find_next_occurrence(&after.with_timezone(&zone), false).ok().map(|t| t.with_timezone(&Utc))
            }
        }
    }
}

/// The instant a local wall-clock time means in `zone`, by the DST policy above.
pub fn resolve(zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        LocalResult::None => {
            // Inside a gap: walk to the first minute that exists, which is the end of the gap.
            (1..=24 * 60)
                .map(|m| local + Duration::minutes(m))
                .find_map(|t| zone.from_local_datetime(&t).earliest())
                .map_or_else(|| Utc.from_utc_datetime(&local), |t| t.with_timezone(&Utc))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).expect("rfc3339").with_timezone(&Utc)
    }

    fn daily(at: &str) -> Recurrence {
        Recurrence::Daily { at: Recurrence::parse_local_time(at).expect("time"), weekdays: Weekdays::ALL }
    }

    /// The next `n` occurrences after `from`.
    fn run(rec: &Recurrence, zone: Tz, from: &str, n: usize) -> Vec<String> {
        let mut t = utc(from);
        (0..n)
            .map(|_| {
                t = rec.next_after(zone, t).expect("next");
                t.to_rfc3339()
            })
            .collect()
    }

    #[test]
    fn berlin_spring_forward_runs_once_right_after_the_gap() {
        // 2026-03-29: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist.
        let got = run(&daily("02:30"), chrono_tz::Europe::Berlin, "2026-03-27T12:00:00Z", 4);
        assert_eq!(
            got,
            [
                "2026-03-28T01:30:00+00:00", // 02:30 CET
                "2026-03-29T01:00:00+00:00", // 03:00 CEST, the end of the gap
                "2026-03-30T00:30:00+00:00", // 02:30 CEST
                "2026-03-31T00:30:00+00:00",
            ]
        );
    }

    #[test]
    fn berlin_fall_back_runs_the_repeated_hour_once() {
        // 2026-10-25: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice.
        let got = run(&daily("02:30"), chrono_tz::Europe::Berlin, "2026-10-24T12:00:00Z", 3);
        assert_eq!(got, ["2026-10-25T00:30:00+00:00", "2026-10-26T01:30:00+00:00", "2026-10-27T01:30:00+00:00"]);
    }

    #[test]
    fn new_york_evening_reminders_keep_their_local_time_across_both_changes() {
        let rec = daily("20:00");
        let spring = run(&rec, chrono_tz::America::New_York, "2026-03-07T12:00:00Z", 2);
        assert_eq!(spring, ["2026-03-08T01:00:00+00:00", "2026-03-09T00:00:00+00:00"]);
        let autumn = run(&rec, chrono_tz::America::New_York, "2026-10-31T12:00:00Z", 2);
        assert_eq!(autumn, ["2026-11-01T00:00:00+00:00", "2026-11-02T01:00:00+00:00"]);
        // The 02:30 gap in New York (2026-03-08) runs at 03:00 EDT.
        let gap = run(&daily("02:30"), chrono_tz::America::New_York, "2026-03-08T05:00:00Z", 1);
        assert_eq!(gap, ["2026-03-08T07:00:00+00:00"]);
    }

    #[test]
    fn lord_howe_half_hour_dst_gap_and_overlap() {
        // Lord Howe: UTC+10:30 in winter, +11 in summer. 2026-10-04 02:00 jumps to 02:30;
        // 2026-04-05 02:00 falls back to 01:30, so 01:45 happens twice.
        let gap = run(&daily("02:15"), chrono_tz::Australia::Lord_Howe, "2026-10-02T12:00:00Z", 3);
        assert_eq!(gap, ["2026-10-02T15:45:00+00:00", "2026-10-03T15:30:00+00:00", "2026-10-04T15:15:00+00:00"]);
        let overlap = run(&daily("01:45"), chrono_tz::Australia::Lord_Howe, "2026-04-03T12:00:00Z", 3);
        assert_eq!(overlap, ["2026-04-03T14:45:00+00:00", "2026-04-04T14:45:00+00:00", "2026-04-05T15:15:00+00:00"]);
    }

    #[test]
    fn kathmandu_quarter_hour_offset() {
        let got = run(&daily("09:00"), chrono_tz::Asia::Kathmandu, "2026-06-01T00:00:00Z", 2);
        assert_eq!(got, ["2026-06-01T03:15:00+00:00", "2026-06-02T03:15:00+00:00"]);
    }

    #[test]
    fn weekdays_skip_the_weekend() {
        let rec = Recurrence::Daily {
            at: Recurrence::parse_local_time("20:00").expect("time"),
            weekdays: Weekdays::MONDAY_TO_FRIDAY,
        };
        // Friday 2026-11-27 20:00 UTC, then Monday.
        let got = run(&rec, chrono_tz::UTC, "2026-11-27T12:00:00Z", 2);
        assert_eq!(got, ["2026-11-27T20:00:00+00:00", "2026-11-30T20:00:00+00:00"]);
        assert_eq!(
            Recurrence::Daily { at: NaiveTime::MIN, weekdays: Weekdays(0) }.next_after(chrono_tz::UTC, Utc::now()),
            None
        );
    }

    #[test]
    fn cron_patterns_in_a_zone() {
        let rec = Recurrence::parse_cron("0 9 * * 1").expect("cron"); // Mondays 09:00
        let got = run(&rec, chrono_tz::Europe::Berlin, "2026-11-23T12:00:00Z", 1);
        assert_eq!(got, ["2026-11-30T08:00:00+00:00"]);
        assert!(Recurrence::parse_cron("not a pattern").is_none());
    }

    #[test]
    fn local_times_are_strict() {
        assert!(Recurrence::parse_local_time("20:00").is_some());
        for bad in ["24:00", "7pm", "7:00", "20:60", "", "20:00:00"] {
            assert!(Recurrence::parse_local_time(bad).is_none(), "{bad}");
        }
    }
}
