use dayline_api_types::UpdateMeRequest;
use dayline_db::{ActorContext, AuditEntry, sql};
use serde_json::json;

use crate::domain::users::{DisplayName, UserRow};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// `PATCH /api/v1/me`: display name and time zone; nothing else can be changed here.
pub async fn update_profile(state: &AppState, actor: ActorContext, request: UpdateMeRequest) -> AppResult<UserRow> {
    let user_id = actor.user_id.ok_or_else(|| AppError::Unauthorized("Sign in first.".to_owned()))?;
    let display_name = request.display_name.as_deref().map(|n| DisplayName::parse("display_name", n)).transpose();
    let timezone = request
        .timezone
        .as_deref()
        .map(|z| {
            z.parse::<chrono_tz::Tz>().map(|tz| tz.name().to_owned()).map_err(|_| dayline_api_types::FieldError {
                field: "timezone".to_owned(),
                message: format!("`{z}` is not an IANA time zone like Europe/Berlin"),
            })
        })
        .transpose();
    let (display_name, timezone) = match (display_name, timezone) {
        (Ok(d), Ok(t)) => (d, t),
        (d, t) => return Err(AppError::Validation([d.err(), t.err()].into_iter().flatten().collect())),
    };
    let mut tx = state.db.begin(actor).await?;
    let now = tx.now();
    let user: UserRow = sql(
        "UPDATE users SET display_name = COALESCE($1, display_name), timezone = COALESCE($2, timezone), updated_at = $3 \
         WHERE id = $4 RETURNING id, email, display_name, role, is_active, timezone, created_at",
    )
    .bind(display_name.as_ref().map(|d| d.as_str().to_owned()))
    .bind(timezone.clone())
    .bind(now)
    .bind(user_id)
    .fetch_optional(&mut tx)
    .await?
    .ok_or(AppError::NotFound)?;
    if let Some(zone) = timezone.as_deref().and_then(|z| z.parse().ok()) {
        crate::domain::tasks::rezone(&mut tx, crate::domain::tasks::ZoneOf::Owner(user_id), zone).await?;
    }
    let changed: Vec<&str> = [display_name.as_ref().map(|_| "display_name"), timezone.as_ref().map(|_| "timezone")]
        .into_iter()
        .flatten()
        .collect();
    tx.audit(AuditEntry::new("user.updated", "user", Some(user_id)).details(json!({ "fields": changed }))).await?;
    tx.commit().await?;
    Ok(user)
}
