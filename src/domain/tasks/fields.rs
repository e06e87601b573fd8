//! A task's editable fields: each checked on its own (errors name the field), then together
//! (a due day or a due instant, not both; a start no later than the due day). Changes are
//! applied over the current values, and what differs becomes the task's history.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use dayline_api_types::{CreateTaskRequest, FieldError, TaskPriority, TaskStatus, UpdateTaskRequest};
use serde_json::{Value, json};
use uuid::Uuid;

use super::row::{TaskRow, parse_priority, parse_status, priority_name, status_name};
use crate::error::AppError;

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 20_000;

fn error(field: &str, message: impl Into<String>) -> FieldError {
    FieldError { field: field.to_owned(), message: message.into() }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaskFields {
    pub title: String,
    pub description: String,
    pub status: TaskStatus,
    pub priority: TaskPriority,
    pub due_date: Option<NaiveDate>,
    pub due_at: Option<DateTime<Utc>>,
    pub due_zone: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub assignee_id: Option<Uuid>,
    pub parent_id: Option<Uuid>,
    pub tags: Vec<String>,
    pub recurrence: Option<dayline_api_types::RecurrenceRule>,
}

impl TaskFields {
    pub fn of_request(request: &CreateTaskRequest) -> Result<Self, AppError> {
        let mut errors = Vec::new();
        let title = title(&request.title).map_err(|e| errors.push(e)).unwrap_or_default();
        let description =
            description(request.description.as_deref().unwrap_or("")).map_err(|e| errors.push(e)).unwrap_or_default();
        let fields = TaskFields {
            title,
            description,
            status: request.status.unwrap_or(TaskStatus::Todo),
            priority: request.priority.unwrap_or(TaskPriority::None),
            due_date: request.due_date,
            due_at: request.due_at,
            due_zone: request.due_zone.clone(),
            start_date: request.start_date,
            assignee_id: request.assignee_id,
            parent_id: request.parent_id,
            tags: match &request.tags {
                Some(raw) => {
                    super::tags::tag_list(raw).map_err(|e| errors.extend(validation_errors(e))).unwrap_or_default()
                }
                None => Vec::new(),
            },
            recurrence: request.recurrence.clone(),
        };
        fields.checked(errors)
    }

    pub fn of_row(row: &TaskRow) -> Self {
        TaskFields {
            title: row.title.clone(),
            description: row.description.clone(),
            status: parse_status(&row.status),
            priority: parse_priority(&row.priority),
            due_date: row.due_date.as_deref().and_then(|d| d.parse().ok()),
            due_at: row.due_at,
            due_zone: row.due_zone.clone(),
            start_date: row.start_date.as_deref().and_then(|d| d.parse().ok()),
            assignee_id: row.assignee_id,
            parent_id: row.parent_id,
            tags: super::tags::parse_names(&row.tag_names),
            recurrence: super::recurrence::parse(row.recurrence.as_deref()),
        }
    }

    /// These fields with the request's changes applied and checked.
    pub fn changed(&self, request: &UpdateTaskRequest) -> Result<Self, AppError> {
        let mut errors = Vec::new();
        let mut next = self.clone();
        if let Some(raw) = &request.title {
            next.title = title(raw).map_err(|e| errors.push(e)).unwrap_or_default();
        }
        if let Some(raw) = &request.description {
            next.description = description(raw).map_err(|e| errors.push(e)).unwrap_or_default();
        }
        if let Some(status) = request.status {
            next.status = status;
        }
        if let Some(priority) = request.priority {
            next.priority = priority;
        }
        if let Some(due_date) = request.due_date {
            next.due_date = due_date;
        }
        if let Some(due_at) = request.due_at {
            next.due_at = due_at;
            if due_at.is_none() {
                next.due_zone = None;
            }
        }
        if let Some(due_zone) = &request.due_zone {
            next.due_zone.clone_from(due_zone);
        }
        if let Some(start_date) = request.start_date {
            next.start_date = start_date;
        }
        if let Some(assignee_id) = request.assignee_id {
            next.assignee_id = assignee_id;
        }
        if let Some(parent_id) = request.parent_id {
            next.parent_id = parent_id;
        }
        if let Some(recurrence) = &request.recurrence {
            next.recurrence.clone_from(recurrence);
        }
        if let Some(raw) = &request.tags {
            match super::tags::tag_list(raw) {
                Ok(tags) => next.tags = tags,
                Err(e) => errors.extend(validation_errors(e)),
            }
        }
        // Setting a due day replaces a due instant and the other way round.
        if request.due_date.is_some_and(|d| d.is_some()) && request.due_at.is_none() {
            next.due_at = None;
            next.due_zone = None;
        }
        if request.due_at.is_some_and(|d| d.is_some()) && request.due_date.is_none() {
            next.due_date = None;
        }
        next.checked(errors)
    }

    fn checked(mut self, mut errors: Vec<FieldError>) -> Result<Self, AppError> {
        if self.due_date.is_some() && self.due_at.is_some() {
            errors.push(error("due_at", "give a due day (`due_date`) or a due time (`due_at`), not both"));
        }
        match (&self.due_zone, self.due_at) {
            (Some(_), None) => errors.push(error("due_zone", "only goes with `due_at`")),
            (Some(zone), Some(_)) if zone.parse::<Tz>().is_err() => {
                errors.push(error("due_zone", format!("`{zone}` is not a time zone of the tz database")));
            }
            _ => {}
        }
        if let (Some(start), Some(due)) = (self.start_date, self.due_date)
            && start > due
        {
            errors.push(error("start_date", "is after the due date"));
        }
        if let Some(rule) = &self.recurrence {
            let due = self.due_date.or(self.due_at.map(|at| at.date_naive()));
            match due.map(|day| super::recurrence::normalized(rule, day)) {
                None => errors.push(error("recurrence", "a recurring task needs a due date")),
                Some(Err(AppError::Validation(mut e))) => errors.append(&mut e),
                Some(Err(_)) => errors.push(error("recurrence", "is not a valid rule")),
                Some(Ok(rule)) => self.recurrence = Some(rule),
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        self.title = self.title.trim().to_owned();
        Ok(self)
    }

    /// `(field, old, new)` for every field that differs from `before`.
    pub fn differences(&self, before: &TaskFields) -> Vec<(&'static str, Value, Value)> {
        let mut out = Vec::new();
        let mut check = |field: &'static str, old: Value, new: Value| {
            if old != new {
                out.push((field, old, new));
            }
        };
        check("title", json!(before.title), json!(self.title));
        check("description", json!(before.description), json!(self.description));
        check("status", json!(status_name(before.status)), json!(status_name(self.status)));
        check("priority", json!(priority_name(before.priority)), json!(priority_name(self.priority)));
        check("due_date", json!(before.due_date), json!(self.due_date));
        check("due_at", json!(before.due_at), json!(self.due_at));
        check("due_zone", json!(before.due_zone), json!(self.due_zone));
        check("start_date", json!(before.start_date), json!(self.start_date));
        check("assignee_id", json!(before.assignee_id), json!(self.assignee_id));
        check("parent_id", json!(before.parent_id), json!(self.parent_id));
        check("tags", json!(before.tags), json!(self.tags));
        check("recurrence", json!(before.recurrence), json!(self.recurrence));
        out
    }
}

fn validation_errors(err: AppError) -> Vec<FieldError> {
    match err {
        AppError::Validation(errors) => errors,
        other => vec![error("tags", other.to_string())],
    }
}

pub fn title(raw: &str) -> Result<String, FieldError> {
    let trimmed = raw.trim();
    match trimmed.chars().count() {
        0 => Err(error("title", "must not be empty")),
        n if n > TITLE_MAX => Err(error("title", format!("must be at most {TITLE_MAX} characters"))),
        _ => Ok(trimmed.to_owned()),
    }
}

pub fn description(raw: &str) -> Result<String, FieldError> {
    if raw.chars().count() > DESCRIPTION_MAX {
        return Err(error("description", format!("must be at most {DESCRIPTION_MAX} characters")));
    }
    Ok(raw.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(title: &str) -> CreateTaskRequest {
        serde_json::from_value(json!({ "title": title })).expect("request")
    }

    fn fields_of(err: AppError) -> Vec<String> {
        match err {
            AppError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("not a validation error: {other}"),
        }
    }

    #[test]
    fn titles_are_trimmed_and_bounded() {
        assert_eq!(TaskFields::of_request(&request("  Ship it  ")).expect("valid").title, "Ship it");
        assert_eq!(fields_of(TaskFields::of_request(&request("   ")).expect_err("empty")), ["title"]);
        assert!(TaskFields::of_request(&request(&"é".repeat(200))).is_ok());
        assert_eq!(fields_of(TaskFields::of_request(&request(&"é".repeat(201))).expect_err("long")), ["title"]);
    }

    #[test]
    fn due_is_a_day_or_an_instant_with_a_real_zone() {
        let mut both = request("x");
        both.due_date = NaiveDate::from_ymd_opt(2026, 1, 2);
        both.due_at = Some(Utc::now());
        assert_eq!(fields_of(TaskFields::of_request(&both).expect_err("both")), ["due_at"]);
        let mut zone = request("x");
        zone.due_at = Some(Utc::now());
        zone.due_zone = Some("Mars/Olympus".to_owned());
        assert_eq!(fields_of(TaskFields::of_request(&zone).expect_err("zone")), ["due_zone"]);
    }

    #[test]
    fn setting_a_due_day_replaces_a_due_instant() {
        let mut start = request("x");
        start.due_at = Some(Utc::now());
        start.due_zone = Some("Europe/Berlin".to_owned());
        let fields = TaskFields::of_request(&start).expect("valid");
        let change: UpdateTaskRequest = serde_json::from_value(json!({ "due_date": "2026-12-24" })).expect("patch");
        let next = fields.changed(&change).expect("valid");
        assert_eq!(
            (next.due_date, next.due_at, next.due_zone.clone()),
            (NaiveDate::from_ymd_opt(2026, 12, 24), None, None)
        );
        let fields_changed: Vec<&str> = next.differences(&fields).into_iter().map(|(f, _, _)| f).collect();
        assert_eq!(fields_changed, ["due_date", "due_at", "due_zone"]);
        let cleared: UpdateTaskRequest = serde_json::from_value(json!({ "due_date": null })).expect("patch");
        assert_eq!(next.changed(&cleared).expect("valid").due_date, None);
    }
}
