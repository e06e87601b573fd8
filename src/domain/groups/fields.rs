//! Checks for group fields; each failure names its field.

use dayline_api_types::{FieldError, UpdateGroupRequest};

use super::row::GroupRow;
use crate::error::AppError;

pub const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
pub const DEFAULT_DAYS: &str = "mon,tue,wed,thu,fri";
pub const DEFAULT_CHECKIN_TIME: &str = "20:00";
pub const DEFAULT_SUMMARY_TIME: &str = "09:00";
const MAX_NAME_CHARS: usize = 100;
const MAX_DESCRIPTION_CHARS: usize = 2_000;

fn error(field: &str, message: impl Into<String>) -> FieldError {
    FieldError { field: field.to_owned(), message: message.into() }
}

pub fn name(raw: &str) -> Result<String, FieldError> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(error("name", format!("must be 1 to {MAX_NAME_CHARS} characters")));
    }
    Ok(name.to_owned())
}

pub fn description(raw: &str) -> Result<String, FieldError> {
    let text = raw.trim();
    if text.chars().count() > MAX_DESCRIPTION_CHARS {
        return Err(error("description", format!("must be at most {MAX_DESCRIPTION_CHARS} characters")));
    }
    Ok(text.to_owned())
}

/// 2 to 50 of `a-z`, `0-9` and `-`, not starting or ending with `-`.
pub fn slug(raw: &str) -> Result<String, FieldError> {
    let slug = raw.trim().to_lowercase();
    let valid = (2..=50).contains(&slug.len())
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-');
    if !valid {
        return Err(error("slug", "must be 2 to 50 lowercase letters, digits or dashes, like platform-team"));
    }
    Ok(slug)
}

/// A slug made from a name: "Platform Team!" → "platform-team".
pub fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(50).collect();
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.len() < 2 { format!("group-{slug}").trim_end_matches('-').to_owned() } else { slug }
}

/// An IANA zone from the tz database ("Europe/Berlin"); offsets like "UTC+5" are not zones.
pub fn timezone(raw: &str) -> Result<String, FieldError> {
    let zone = raw.trim();
    zone.parse::<chrono_tz::Tz>()
        .map(|tz| tz.name().to_owned())
        .map_err(|_| error("timezone", format!("`{zone}` is not a time zone of the tz database, like Europe/Berlin")))
}

/// `HH:MM`, 00:00 to 23:59.
pub fn time(field: &str, raw: &str) -> Result<String, FieldError> {
    let parsed = chrono::NaiveTime::parse_from_str(raw.trim(), "%H:%M");
    match parsed {
        Ok(t) if raw.trim().len() == 5 => Ok(t.format("%H:%M").to_string()),
        _ => Err(error(field, "must be a 24-hour time HH:MM, from 00:00 to 23:59")),
    }
}

/// At least one of `mon` … `sun`; stored in week order, comma-separated.
pub fn days(raw: &[String]) -> Result<String, FieldError> {
    let wanted: Vec<String> = raw.iter().map(|d| d.trim().to_lowercase()).collect();
    if let Some(bad) = wanted.iter().find(|d| !DAYS.contains(&d.as_str())) {
        return Err(error("checkin_days", format!("`{bad}` is not one of mon, tue, wed, thu, fri, sat, sun")));
    }
    let days: Vec<&str> = DAYS.iter().copied().filter(|d| wanted.iter().any(|w| w == d)).collect();
    if days.is_empty() {
        return Err(error("checkin_days", "name at least one day"));
    }
    Ok(days.join(","))
}

/// A group's settings as stored.
#[derive(Debug, Clone)]
pub struct GroupSettings {
    pub name: String,
    pub slug: String,
    pub description: String,
    pub timezone: String,
    pub days: String,
    pub checkin_time: String,
    pub summary_time: String,
    pub require_admin_mfa: bool,
}

impl GroupSettings {
    /// A new group's settings before the request's fields (name and slug come from it).
    pub fn defaults() -> Self {
        Self {
            name: String::new(),
            slug: String::new(),
            description: String::new(),
            timezone: "UTC".to_owned(),
            days: DEFAULT_DAYS.to_owned(),
            checkin_time: DEFAULT_CHECKIN_TIME.to_owned(),
            summary_time: DEFAULT_SUMMARY_TIME.to_owned(),
            require_admin_mfa: false,
        }
    }

    pub fn of(row: &GroupRow) -> Self {
        Self {
            name: row.name.clone(),
            slug: row.slug.clone(),
            description: row.description.clone(),
            timezone: row.timezone.clone(),
            days: row.checkin_days.clone(),
            checkin_time: row.checkin_time.clone(),
            summary_time: row.summary_time.clone(),
            require_admin_mfa: row.require_admin_mfa,
        }
    }

    /// These settings with every field `changes` sends, each checked; all bad fields are
    /// named in one 422.
    pub fn changed(mut self, changes: &UpdateGroupRequest) -> Result<Self, AppError> {
        let mut errors = Vec::new();
        let mut apply = |checked: Option<Result<String, FieldError>>, slot: &mut String| match checked {
            Some(Ok(value)) => *slot = value,
            Some(Err(error)) => errors.push(error),
            None => {}
        };
        apply(changes.name.as_deref().map(name), &mut self.name);
        apply(changes.slug.as_deref().map(slug), &mut self.slug);
        apply(changes.description.as_deref().map(description), &mut self.description);
        apply(changes.timezone.as_deref().map(timezone), &mut self.timezone);
        apply(changes.checkin_days.as_deref().map(days), &mut self.days);
        apply(changes.checkin_time.as_deref().map(|t| time("checkin_time", t)), &mut self.checkin_time);
        apply(changes.summary_time.as_deref().map(|t| time("summary_time", t)), &mut self.summary_time);
        self.require_admin_mfa = changes.require_admin_mfa.unwrap_or(self.require_admin_mfa);
        if errors.is_empty() { Ok(self) } else { Err(AppError::Validation(errors)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_strict_24_hour_clock() {
        assert_eq!(time("t", "09:00").ok().as_deref(), Some("09:00"));
        assert_eq!(time("t", "23:59").ok().as_deref(), Some("23:59"));
        for bad in ["24:00", "7pm", "9:00", "09:60", ""] {
            assert!(time("t", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn zones_come_from_the_tz_database() {
        assert_eq!(timezone("Europe/Berlin").ok().as_deref(), Some("Europe/Berlin"));
        for bad in ["Mars/Olympus", "UTC+5", ""] {
            assert!(timezone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn days_and_slugs() {
        assert_eq!(days(&["fri".into(), "Mon".into()]).ok().as_deref(), Some("mon,fri"));
        assert!(days(&[]).is_err());
        assert!(days(&["funday".into()]).is_err());
        assert_eq!(slugify("Platform Team!"), "platform-team");
        assert_eq!(slugify("Ω"), "group");
        assert!(slug("Platform Team").is_err());
        assert!(slug("-x-").is_err());
        assert_eq!(slug("Platform-Team").ok().as_deref(), Some("platform-team"));
    }
}
