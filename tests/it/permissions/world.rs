//! The world each row of the matrix runs in: one user per kind of caller, two groups, and the
//! resources the paths point at (invitations, sessions, tokens, passkeys, tasks, comments,
//! tags, relations, a dead job), with the bodies that each route accepts.

use dayline::domain::sessions::start_session;
use dayline_api_types::GlobalRole;
use dayline_db::ActorContext;
use reqwest::Method;
use serde_json::{Value, json};
use tokio::sync::OnceCell;
use uuid::Uuid;

use super::Res::{self, Other};
use crate::support::{Backend, Options, PASSWORD, TestApp, spawn_app_with};

/// One world per row: who is who, and the ids the paths point at.
pub(super) struct World {
    pub(super) app: TestApp,
    /// Bearer credentials by column (`None`: anonymous).
    pub(super) tokens: Vec<Option<String>>,
    own_group: Uuid,
    other_group: Uuid,
    own_invitation: Uuid,
    other_invitation: Uuid,
    author: Uuid,
    other_member: Uuid,
    author_other_session: Uuid,
    author_token: Uuid,
    author_passkey: Uuid,
    dead_job: Uuid,
    /// The author's task in the own group, the other admin's in the other, the author's own.
    tasks: [Uuid; 3],
    /// A comment on each of those tasks, by the task's creator.
    comments: [Uuid; 3],
    /// Two tags in each of those tasks' scopes.
    tags: [[Uuid; 2]; 3],
    /// A second task in each scope, and a relation from the first to it.
    second_tasks: [Uuid; 3],
    relations: [Uuid; 3],
    /// An image attached to each of the first tasks, by the task's creator.
    attachments: [Uuid; 3],
}

/// One password hash for every account of every world: hashing is the slow part.
static PASSWORD_HASH: OnceCell<String> = OnceCell::const_new();

async fn json_of(response: reqwest::Response, what: &str) -> Value {
    let status = response.status();
    let body: Value = response.json().await.expect("json");
    assert!(status.is_success(), "{what}: {status} {body}");
    body
}

fn id_of(body: &Value) -> Uuid {
    body["id"].as_str().expect("id").parse().expect("uuid")
}

pub(super) async fn world(backend: Backend) -> World {
    // Worlds start by the hundred next to the rest of the suite: give the database more than
    // the suite's usual one second to hand out a connection.
    let configure = Box::new(|s: &mut dayline::config::Settings| s.database_acquire_timeout_ms = 15_000);
    let app = spawn_app_with(backend, Options { configure, ..Options::default() }).await;
    app.complete_setup().await;
    let state = &app.state;
    let hash = PASSWORD_HASH
        .get_or_init(|| async { state.passwords.hash(PASSWORD.to_owned().into()).await.expect("hash") })
        .await
        .clone();
    let names = ["deactivated", "outsider", "member", "author", "admin", "other-admin", "other-member"];
    let mut tx = state.db.begin(ActorContext::system()).await.expect("begin");
    let mut ids = std::collections::HashMap::new();
    for name in names {
        let (email, display_name, _) =
            dayline::domain::setup::parse_account(&format!("{name}@example.com"), name, PASSWORD).expect("account");
        let new = dayline::domain::users::NewUser {
            email,
            display_name,
            password_hash: hash.clone(),
            role: GlobalRole::User,
            via: "test",
        };
        ids.insert(name, dayline::domain::users::create_user(&mut tx, new).await.expect("user").id);
    }
    let (ana,): (Uuid,) =
        dayline_db::sql("SELECT id FROM users WHERE email = 'ana@example.com'").fetch_one(&mut tx).await.expect("ana");
    ids.insert("ana", ana);
    // Sessions signed in with a second factor (so also stepped up): the matrix is about who
    // may do what, not about step-up, which has tests of its own.
    let mut token = std::collections::HashMap::new();
    for name in ["deactivated", "outsider", "member", "author", "admin", "other-admin", "ana"] {
        let (pair, _) = start_session(state, &mut tx, ids[name], &ActorContext::system(), true).await.expect("session");
        token.insert(name, pair.access_token);
    }
    let (_, author_other_session) =
        start_session(state, &mut tx, ids["author"], &ActorContext::system(), false).await.expect("session");
    // A passkey for the super admin (who must have a second factor) and one for the author.
    // Only their presence matters here; real passkeys are tested in passkeys.rs.
    let mut passkeys = Vec::new();
    for name in ["ana", "author"] {
        let id = Uuid::now_v7();
        dayline_db::sql(
            "INSERT INTO passkeys (id, user_id, name, credential_id, passkey, created_at) VALUES ($1, $2, 'key', $3, '{}', $4)",
        )
        .bind(id)
        .bind(ids[name])
        .bind(id.to_string())
        .bind(tx.now())
        .execute(&mut tx)
        .await
        .expect("passkey");
        passkeys.push(id);
    }
    tx.audit(dayline_db::AuditEntry::new("test.world", "user", None)).await.expect("audit");
    tx.commit().await.expect("commit");

    let send = |method: Method, path: String, who: &'static str, body: Value| {
        let token = token[who].clone();
        let app = &app;
        async move { app.send(method, &path, &token, Some(body)).await }
    };
    let own_group = id_of(
        &json_of(send(Method::POST, "/api/v1/groups".into(), "admin", json!({"name": "Own"})).await, "own group").await,
    );
    let other_group = id_of(
        &json_of(
            send(Method::POST, "/api/v1/groups".into(), "other-admin", json!({"name": "Other"})).await,
            "other group",
        )
        .await,
    );
    for (group, who, member) in
        [(own_group, "admin", "member"), (own_group, "admin", "author"), (other_group, "other-admin", "other-member")]
    {
        let path = format!("/api/v1/groups/{group}/members");
        json_of(send(Method::POST, path, who, json!({"email": format!("{member}@example.com")})).await, "member").await;
    }
    let own_invitation = id_of(
        &json_of(
            send(
                Method::POST,
                format!("/api/v1/groups/{own_group}/invitations"),
                "admin",
                json!({"email": "invitee@example.com"}),
            )
            .await,
            "invitation",
        )
        .await,
    );
    let other_invitation = id_of(
        &json_of(
            send(
                Method::POST,
                format!("/api/v1/groups/{other_group}/invitations"),
                "other-admin",
                json!({"email": "invitee@example.com"}),
            )
            .await,
            "invitation",
        )
        .await,
    );
    let created = json_of(
        send(Method::POST, "/api/v1/me/tokens".into(), "author", json!({"name": "read", "scopes": ["read"]})).await,
        "token",
    )
    .await;
    let read_token = created["token"].as_str().expect("token").to_owned();
    let author_token = id_of(&created);
    let mut tasks = [Uuid::nil(); 3];
    for (slot, (who, group)) in
        [("author", Some(own_group)), ("other-admin", Some(other_group)), ("author", None)].into_iter().enumerate()
    {
        let body = json!({"title": "A task", "group_id": group, "tags": [format!("a{slot}"), format!("b{slot}")]});
        tasks[slot] = id_of(&json_of(send(Method::POST, "/api/v1/tasks".into(), who, body).await, "task").await);
    }
    // Each of those tasks made two tags in its scope: `a<slot>` and `b<slot>`.
    let mut tags = [[Uuid::nil(); 2]; 3];
    for (slot, pair) in tags.iter_mut().enumerate() {
        for (n, tag) in pair.iter_mut().enumerate() {
            let name = format!("{}{slot}", ["a", "b"][n]);
            let (id,): (Uuid,) = dayline_db::sql("SELECT id FROM tags WHERE normalized = $1")
                .bind(name)
                .fetch_one(app.state.db.read_as_system())
                .await
                .expect("tag");
            *tag = id;
        }
    }
    let (mut second_tasks, mut relations) = ([Uuid::nil(); 3], [Uuid::nil(); 3]);
    for (slot, (who, group)) in
        [("author", Some(own_group)), ("other-admin", Some(other_group)), ("author", None)].into_iter().enumerate()
    {
        let body = json!({"title": "Another task", "group_id": group});
        second_tasks[slot] = id_of(&json_of(send(Method::POST, "/api/v1/tasks".into(), who, body).await, "task").await);
        let path = format!("/api/v1/tasks/{}/relations", tasks[slot]);
        let body = json!({"kind": "relates_to", "task_id": second_tasks[slot]});
        relations[slot] = id_of(&json_of(send(Method::POST, path, who, body).await, "relation").await);
    }
    let mut comments = [Uuid::nil(); 3];
    for (slot, who) in ["author", "other-admin", "author"].into_iter().enumerate() {
        let path = format!("/api/v1/tasks/{}/comments", tasks[slot]);
        comments[slot] =
            id_of(&json_of(send(Method::POST, path, who, json!({"body": "A comment"})).await, "comment").await);
    }
    let mut attachments = [Uuid::nil(); 3];
    for (slot, who) in ["author", "other-admin", "author"].into_iter().enumerate() {
        let path = app.url(&format!("/api/v1/tasks/{}/attachments", tasks[slot]));
        let request = app.client.post(path).bearer_auth(&token[who]).multipart(image_form());
        let body = json_of(request.send().await.expect("upload"), "attachment").await;
        attachments[slot] = id_of(&body["items"][0]);
    }

    let mut tx = state.db.begin_bookkeeping().await.expect("begin");
    let dead_job = dayline_db::jobs::enqueue(&mut tx, dayline_db::jobs::NewJob::new("test.dead", json!({})))
        .await
        .expect("job")
        .expect("new job");
    dayline_db::sql("UPDATE jobs SET state = 'dead' WHERE id = $1")
        .bind(dead_job)
        .execute(&mut tx)
        .await
        .expect("dead");
    dayline_db::sql("UPDATE users SET is_active = $1 WHERE id = $2")
        .bind(false)
        .bind(ids["deactivated"])
        .execute(&mut tx)
        .await
        .expect("deactivate");
    tx.commit().await.expect("commit");

    let tokens = vec![
        None,
        Some(token["deactivated"].clone()),
        Some(read_token),
        Some(token["outsider"].clone()),
        Some(token["member"].clone()),
        Some(token["author"].clone()),
        Some(token["admin"].clone()),
        Some(token["ana"].clone()),
    ];
    World {
        tokens,
        own_group,
        other_group,
        own_invitation,
        other_invitation,
        author: ids["author"],
        other_member: ids["other-member"],
        author_other_session,
        author_token,
        author_passkey: passkeys[1],
        dead_job,
        tasks,
        comments,
        tags,
        second_tasks,
        relations,
        attachments,
        app,
    }
}

/// The concrete path for a row: its parameters bound to the row's resource.
pub(super) fn bind_path(template: &str, res: Res, w: &World) -> String {
    let slot = res.slot();
    let (group, invitation, member) = match res {
        Other => (w.other_group, w.other_invitation, w.other_member),
        _ => (w.own_group, w.own_invitation, w.author),
    };
    let id = if template.starts_with("/api/v1/groups/") {
        group
    } else if template.starts_with("/api/v1/admin/users/") {
        w.author
    } else if template.starts_with("/api/v1/admin/jobs/") {
        w.dead_job
    } else if template.starts_with("/api/v1/me/sessions/") {
        w.author_other_session
    } else if template.starts_with("/api/v1/tags/") {
        w.tags[slot][0]
    } else if template.starts_with("/api/v1/attachments/") {
        w.attachments[slot]
    } else if template.starts_with("/api/v1/tasks/") {
        w.tasks[slot]
    } else if template.starts_with("/api/v1/me/tokens/") {
        w.author_token
    } else {
        w.author_passkey
    };
    template
        .replace("{id}", &id.to_string())
        .replace("{invitation_id}", &invitation.to_string())
        .replace("{user_id}", &member.to_string())
        .replace("{comment_id}", &w.comments[slot].to_string())
        .replace("{relation_id}", &w.relations[slot].to_string())
        .replace("/api/docs/{file}", "/api/docs/docs.js")
        .replace("/api/v1/search", "/api/v1/search?q=task")
        .replace("/static/{file}", "/static/form.js")
}

/// A form with one small PNG image, as attachment uploads take.
pub(super) fn image_form() -> reqwest::multipart::Form {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89".to_vec();
    let part = reqwest::multipart::Part::bytes(png).file_name("pixel.png");
    reqwest::multipart::Form::new().part("file", part)
}

/// A body that the route accepts when the caller may use it.
pub(super) fn body_for(method: &str, template: &str, res: Res, w: &World) -> Option<Value> {
    let new_password = "a different long passphrase 42";
    Some(match (method, template) {
        ("POST", "/api/v1/setup") => {
            json!({"token": "not-the-token", "email": "x@example.com", "display_name": "X", "password": new_password})
        }
        ("POST", "/api/v1/auth/login") => json!({"email": "author@example.com", "password": PASSWORD}),
        ("POST", "/api/v1/auth/register") => {
            json!({"email": "new@example.com", "display_name": "New", "password": new_password})
        }
        ("POST", "/api/v1/auth/refresh") => json!({"refresh_token": "not-a-token"}),
        ("POST", "/api/v1/auth/mfa") => json!({"mfa_token": "not-a-token", "code": "000000"}),
        ("POST", "/api/v1/auth/mfa/webauthn") => json!({"mfa_token": "not-a-token"}),
        ("POST", "/api/v1/auth/password/forgot") => json!({"email": "author@example.com"}),
        ("POST", "/api/v1/auth/password/reset") => json!({"token": "not-a-token", "new_password": new_password}),
        ("POST", "/api/v1/auth/step-up") => json!({"code": "000000"}),
        ("POST", "/api/v1/invitations/accept") => json!({"token": "not-a-token"}),
        ("POST", "/api/v1/invitations/register") => {
            json!({"token": "not-a-token", "display_name": "New", "password": new_password})
        }
        ("PATCH", "/api/v1/me") => json!({"display_name": "Renamed"}),
        ("POST", "/api/v1/me/password") => json!({"current_password": PASSWORD, "new_password": new_password}),
        ("DELETE", "/api/v1/me/mfa/totp") => json!({"password": PASSWORD, "code": "000000"}),
        ("POST", "/api/v1/me/mfa/totp/confirm") => json!({"code": "000000"}),
        ("POST", "/api/v1/me/mfa/backup-codes") => json!({"password": PASSWORD}),
        ("POST", "/api/v1/me/passkeys") => json!({"id": "x", "rawId": "x", "type": "public-key", "response": {}}),
        ("POST", "/api/v1/me/passkeys/registration") | ("PATCH", "/api/v1/me/passkeys/{id}") => {
            json!({"name": "Laptop"})
        }
        ("POST", "/api/v1/me/tokens") => json!({"name": "ci", "scopes": ["read"]}),
        ("POST", "/api/v1/groups") => json!({"name": "Fresh"}),
        ("PATCH", "/api/v1/groups/{id}") => json!({"description": "Changed"}),
        ("POST", "/api/v1/groups/{id}/members") => json!({"email": "outsider@example.com"}),
        ("PATCH", "/api/v1/groups/{id}/members/{user_id}") => json!({"role": "admin"}),
        ("POST", "/api/v1/groups/{id}/invitations") => json!({"email": "another@example.com"}),
        ("PATCH", "/api/v1/admin/users/{id}") => json!({"role": "user"}),
        ("POST", "/api/v1/tasks") => json!({"title": "New"}),
        ("PATCH", "/api/v1/tasks/{id}") => json!({"priority": "high"}),
        ("PUT", "/api/v1/tasks/{id}/position") => json!({"status": "in_progress"}),
        ("PATCH", "/api/v1/tags/{id}") => json!({"color": "#112233"}),
        ("POST", "/api/v1/tasks/{id}/relations") => json!({"kind": "blocks", "task_id": w.second_tasks[res.slot()]}),
        ("POST", "/api/v1/tags/{id}/merge") => json!({"into": w.tags[res.slot()][1]}),
        ("POST", "/api/v1/tasks/{id}/comments") | ("PATCH", "/api/v1/tasks/{id}/comments/{comment_id}") => {
            json!({"body": "Noted"})
        }
        _ => return None,
    })
}
