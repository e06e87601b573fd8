//! The permission matrix: every route in the router × every kind of caller × the resources
//! a route can address, with the status each call must get. `every_route_has_a_row` fails
//! when a route is added without a row here (or a row outlives its route).
//!
//! Each row that changes something runs against a fresh world (reads share one), callers in
//! the order of the columns, so what an earlier caller was allowed to change is what a later
//! one finds (the group admin deletes
//! their own group before the super admin tries; the other-group rows show what the super
//! admin may do to a group they do not belong to).
//!
//! `DAYLINE_PRINT_MATRIX=1` prints the observed rows in the syntax of `matrix.rs`; `world.rs`
//! builds what the rows point at.

mod matrix;
mod world;

use std::collections::BTreeSet;

use futures_util::StreamExt;
use reqwest::Method;

use self::matrix::MATRIX;
use self::world::{World, bind_path, body_for, image_form, world};
use crate::support::Backend;

/// The callers, in the order of the status columns.
pub(super) const ACTORS: [&str; 8] =
    ["anonymous", "deactivated", "read_token", "outsider", "member", "author", "group_admin", "super_admin"];

/// What the route's path parameters point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Res {
    /// The group the member, the author and the group admin belong to (and its invitation and
    /// the author's membership).
    Own,
    /// A group none of the callers belongs to (and its invitation and member).
    Other,
    /// Not group-scoped: the caller's own account, the author's session, token or passkey, a
    /// user or a job for the administrator, or nothing at all.
    Personal,
}
pub(super) use Res::{Other, Own, Personal};

impl Res {
    /// Which of a world's three resources of a kind (own group's, other group's, personal)
    /// a row addresses.
    pub(super) fn slot(self) -> usize {
        match self {
            Own => 0,
            Other => 1,
            Personal => 2,
        }
    }
}

/// Every route the router serves: the documented API from the OpenAPI document, and the
/// pages and documents `src/router.rs` adds beside it.
fn routes_in_router() -> BTreeSet<(String, String)> {
    let (_, doc) = dayline::router::api();
    let mut routes = BTreeSet::new();
    for (path, item) in &doc.paths.paths {
        let item = serde_json::to_value(item).expect("path item");
        for method in ["get", "post", "put", "patch", "delete"] {
            if item.get(method).is_some() {
                routes.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    let source = include_str!("../../../src/router.rs");
    for call in source.split(".route(\"").skip(1) {
        let (path, rest) = call.split_once('"').expect("path");
        let method = rest.trim_start_matches(',').trim_start().split('(').next().expect("method");
        routes.insert((method.to_uppercase(), path.to_owned()));
    }
    routes
}

#[test]
fn every_route_has_a_row() {
    let in_router = routes_in_router();
    let in_matrix: BTreeSet<(String, String)> =
        MATRIX.iter().map(|(m, p, _, _)| ((*m).to_owned(), (*p).to_owned())).collect();
    let missing: Vec<_> = in_router.difference(&in_matrix).collect();
    let stale: Vec<_> = in_matrix.difference(&in_router).collect();
    assert!(missing.is_empty(), "routes without a row in the permission matrix: {missing:?}");
    assert!(stale.is_empty(), "rows for routes that no longer exist: {stale:?}");
    assert!(in_router.len() > 60, "the router was read: {} routes", in_router.len());
    for (method, path, res, _) in MATRIX {
        if path.starts_with("/api/v1/groups/{id}") {
            assert_ne!(*res, Personal, "{method} {path}: group routes have own/other rows");
        } else if !["/api/v1/tasks/{id}", "/api/v1/tags/{id}", "/api/v1/attachments/{id}"]
            .iter()
            .any(|scoped| path.starts_with(scoped))
        {
            assert_eq!(*res, Personal, "{method} {path}: one row");
        }
    }
}

/// The statuses of one row: a world of its own for a change, the shared one for a read
/// (reads change nothing the matrix looks at).
async fn observe(backend: Backend, shared: &World, method: &'static str, template: &'static str, res: Res) -> [u16; 8] {
    if method == "GET" {
        observe_in(shared, method, template, res).await
    } else {
        observe_in(&world(backend).await, method, template, res).await
    }
}

async fn observe_in(w: &World, method: &'static str, template: &'static str, res: Res) -> [u16; 8] {
    let path = bind_path(template, res, w);
    let mut statuses = [0; 8];
    for (column, token) in w.tokens.iter().enumerate() {
        let mut request =
            w.app.client.request(Method::from_bytes(method.as_bytes()).expect("method"), w.app.url(&path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body_for(method, template, res, w) {
            request = request.json(&body);
        } else if (method, template) == ("POST", "/api/v1/tasks/{id}/attachments") {
            request = request.multipart(image_form());
        }
        statuses[column] = request.send().await.expect("request").status().as_u16();
    }
    statuses
}

on_both! {
    async fn every_route_answers_every_caller_as_the_policy_says(backend: Backend) {
        let shared = &world(backend).await;
        let observed: Vec<_> = futures_util::stream::iter(MATRIX.iter())
            .map(|(method, template, res, expected)| async move {
                (*method, *template, *res, *expected, observe(backend, shared, method, template, *res).await)
            })
            .buffered(2)
            .collect()
            .await;
        let mut wrong = Vec::new();
        for (method, template, res, expected, got) in &observed {
            if std::env::var_os("DAYLINE_PRINT_MATRIX").is_some() {
                let cells: Vec<String> = got.iter().map(u16::to_string).collect();
                println!("    (\"{method}\", \"{template}\", {res:?}, [{}]),", cells.join(", "));
            }
            if expected != got {
                let cells: Vec<String> = ACTORS
                    .iter()
                    .zip(expected.iter().zip(got))
                    .filter(|(_, (e, g))| e != g)
                    .map(|(actor, (e, g))| format!("{actor}: expected {e}, got {g}"))
                    .collect();
                wrong.push(format!("{method} {template} ({res:?}): {}", cells.join("; ")));
            }
        }
        assert!(wrong.is_empty(), "{} cells differ from the matrix:\n{}", wrong.len(), wrong.join("\n"));
    }
}
