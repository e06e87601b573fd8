//! Creating, listing and revoking one's own tokens.

use chrono::{DateTime, Utc};
use dayline_api_types::{ApiTokenResponse, CreateApiTokenRequest, CreatedApiToken};
use dayline_db::{ActorContext, AuditEntry, new_id, sql};
use serde_json::json;
use uuid::Uuid;

use super::TOKEN_PREFIX;
use crate::auth::refresh_token;
use crate::auth::scopes::ScopeSet;
use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

const MAX_NAME_CHARS: usize = 100;

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    name: String,
    scopes: String,
    created_at: DateTime<Utc>,
    expires_at: Option<DateTime<Utc>>,
    last_used_at: Option<DateTime<Utc>>,
}

impl Row {
    fn to_response(&self) -> ApiTokenResponse {
        ApiTokenResponse {
            id: self.id,
            name: self.name.clone(),
            scopes: ScopeSet::from_stored(&self.scopes).to_scopes(),
            created_at: self.created_at,
            expires_at: self.expires_at,
            last_used_at: self.last_used_at,
        }
    }
}

/// `POST /api/v1/me/tokens`.
pub async fn create_api_token(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    request: CreateApiTokenRequest,
) -> AppResult<CreatedApiToken> {
    let name = request.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(AppError::invalid("name", format!("must be 1 to {MAX_NAME_CHARS} characters")));
    }
    let scopes = ScopeSet::from_scopes(&request.scopes);
    if scopes == ScopeSet::default() {
        return Err(AppError::invalid("scopes", "name at least one of read, write, admin"));
    }
    if scopes.admin && !who.is_super_admin {
        return Err(AppError::invalid("scopes", "only super admins can create tokens with the admin scope"));
    }
    let now = state.clock.now();
    if request.expires_at.is_some_and(|at| at <= now) {
        return Err(AppError::invalid("expires_at", "must be in the future"));
    }
    let token = refresh_token::generate_with_prefix(TOKEN_PREFIX)?;
    let mut tx = state.db.begin(actor).await?;
    let row: Row = sql("INSERT INTO api_tokens (id, user_id, name, token_hash, scopes, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, name, scopes, created_at, expires_at, last_used_at")
    .bind(new_id())
    .bind(who.user_id)
    .bind(name)
    .bind(refresh_token::hash(&token))
    .bind(scopes.to_stored())
    .bind(now)
    .bind(request.expires_at)
    .fetch_one(&mut tx)
    .await?;
    tx.audit(AuditEntry::new("api_token.created", "api_token", Some(row.id)).details(json!({ "scopes": row.scopes })))
        .await?;
    tx.commit().await?;
    Ok(CreatedApiToken { token, details: row.to_response() })
}

/// `GET /api/v1/me/tokens`: live tokens, newest first.
pub async fn list_api_tokens(state: &AppState, who: &Authenticated) -> AppResult<Vec<ApiTokenResponse>> {
    let rows: Vec<Row> = sql("SELECT id, name, scopes, created_at, expires_at, last_used_at FROM api_tokens \
         WHERE user_id = $1 AND revoked_at IS NULL ORDER BY id DESC")
    .bind(who.user_id)
    .fetch_all(state.db.read_as(who.row_access()))
    .await?;
    Ok(rows.iter().map(Row::to_response).collect())
}

/// `DELETE /api/v1/me/tokens/{id}`: someone else's token is "not found".
pub async fn revoke_api_token(state: &AppState, actor: ActorContext, who: &Authenticated, id: Uuid) -> AppResult<()> {
    let mut tx = state.db.begin(actor).await?;
    let now = tx.now();
    let n = sql("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL")
        .bind(now)
        .bind(id)
        .bind(who.user_id)
        .execute(&mut tx)
        .await?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    tx.audit(AuditEntry::new("api_token.revoked", "api_token", Some(id))).await?;
    tx.commit().await?;
    state.session_cache.forget_all();
    Ok(())
}
