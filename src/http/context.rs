//! Who is calling and from where, for audit rows.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;
use dayline_db::ActorContext;

use super::client_ip::ClientIp;
use super::request_id;

impl RequestContextExt for ActorContext {
    fn for_user(mut self, who: &crate::domain::sessions::Authenticated) -> ActorContext {
        self.user_id = Some(who.user_id);
        self.is_super_admin = who.is_super_admin;
        self.is_system = false;
        self
    }
}

/// Attaches the authenticated caller to an actor context.
pub trait RequestContextExt {
    fn for_user(self, who: &crate::domain::sessions::Authenticated) -> ActorContext;
}

/// The request's actor context. Anonymous until authentication exists on the route.
pub struct RequestContext(pub ActorContext);

impl<S: Send + Sync> FromRequestParts<S> for RequestContext {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        // The resolved client address; the raw peer only where the middleware did not run.
        let ip = parts
            .extensions
            .get::<ClientIp>()
            .map(|c| c.0)
            .or_else(|| parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()))
            .map(|ip| ip.to_string());
        let user_agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|ua| ua.chars().take(512).collect());
        Ok(RequestContext(ActorContext {
            user_id: None,
            is_super_admin: false,
            is_system: false,
            ip,
            user_agent,
            request_id: request_id::current(),
        }))
    }
}
