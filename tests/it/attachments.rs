//! Attachments over HTTP on both backends: types decided by content, limits and quotas, safe
//! names, downloads with ranges and conditional requests, previews, who may see and remove
//! them, and that a refused, interrupted or failed upload leaves no file and no row behind.

use std::path::{Path, PathBuf};

use dayline_api_types::GlobalRole;
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::support::{Backend, Options, PASSWORD, TestApp, eventually, expect_problem, spawn_app, spawn_app_with};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

/// The start of a real program: this test binary itself.
fn program() -> Vec<u8> {
    let mut bytes = std::fs::read(std::env::current_exe().expect("exe")).expect("read");
    bytes.truncate(64 * 1024);
    bytes
}

struct Team {
    app: TestApp,
    /// Group admin of "Ops".
    ana: String,
    /// Members of "Ops".
    bo: String,
    dan: String,
    /// In no group.
    carla: String,
    /// Bo's task in "Ops".
    task: String,
}

async fn team_with(app: TestApp) -> Team {
    app.complete_setup().await;
    let mut tokens = std::collections::HashMap::new();
    for name in ["alma", "bo", "dan", "carla"] {
        app.create_user(&format!("{name}@example.com"), name, GlobalRole::User).await;
        tokens.insert(name, app.access_token(&format!("{name}@example.com"), PASSWORD).await);
    }
    let group: Value = app
        .send(Method::POST, "/api/v1/groups", &tokens["alma"], Some(json!({ "name": "Ops" })))
        .await
        .json()
        .await
        .expect("group");
    for member in ["bo", "dan"] {
        let path = format!("/api/v1/groups/{}/members", group["id"].as_str().expect("id"));
        let body = json!({ "email": format!("{member}@example.com") });
        assert_eq!(app.send(Method::POST, &path, &tokens["alma"], Some(body)).await.status(), 201);
    }
    let task: Value = app
        .send(Method::POST, "/api/v1/tasks", &tokens["bo"], Some(json!({ "title": "Ship", "group_id": group["id"] })))
        .await
        .json()
        .await
        .expect("task");
    Team {
        ana: tokens["alma"].clone(),
        bo: tokens["bo"].clone(),
        dan: tokens["dan"].clone(),
        carla: tokens["carla"].clone(),
        task: task["id"].as_str().expect("id").to_owned(),
        app,
    }
}

fn form(files: &[(&str, &[u8])]) -> Form {
    files.iter().fold(Form::new(), |form, (name, bytes)| {
        form.part("file", Part::bytes(bytes.to_vec()).file_name((*name).to_owned()))
    })
}

async fn upload(t: &Team, token: &str, task: &str, form: Form) -> reqwest::Response {
    let url = t.app.url(&format!("/api/v1/tasks/{task}/attachments"));
    t.app.client.post(url).bearer_auth(token).multipart(form).send().await.expect("upload")
}

async fn uploaded(t: &Team, token: &str, files: &[(&str, &[u8])]) -> Vec<Value> {
    let response = upload(t, token, &t.task, form(files)).await;
    assert_eq!(response.status(), 201, "upload");
    let body: Value = response.json().await.expect("json");
    body["items"].as_array().expect("items").clone()
}

async fn get(t: &Team, token: &str, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let request =
        headers.iter().fold(t.app.client.get(t.app.url(path)).bearer_auth(token), |request, (name, value)| {
            request.header(*name, *value)
        });
    request.send().await.expect("get")
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

/// Every file under `dir` (recursively), so tests can see what the store holds.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries
        .flatten()
        .flat_map(|entry| {
            let path = entry.path();
            if path.is_dir() { files_under(&path) } else { vec![path] }
        })
        .collect()
}

fn store_dir(t: &Team) -> PathBuf {
    t.app.state.settings.files_path()
}

async fn attachment_rows(t: &Team) -> i64 {
    t.app.count("SELECT COUNT(*) FROM attachments").await
}

on_both! {
    async fn files_are_typed_by_content_named_safely_and_downloaded_whole_or_in_ranges(backend: Backend) {
        let t = team_with(spawn_app(backend).await).await;
        let text = "Release notes\nline two\n".repeat(20);
        let items = uploaded(&t, &t.bo, &[("../../etc/photo.txt", PNG), ("notes\u{202E}txt.exe", text.as_bytes())]).await;
        assert_eq!(items.len(), 2);
        let (image, notes) = (&items[0], &items[1]);
        assert_eq!(image["filename"], "photo.txt", "directories are dropped");
        assert_eq!(image["content_type"], "image/png", "the content decides, not the name");
        assert_eq!(notes["filename"], "notestxt.exe", "direction overrides are dropped");
        assert_eq!(notes["content_type"], "text/plain");
        assert_eq!(notes["size_bytes"], text.len());
        assert!(image["preview_url"].is_string() && notes["preview_url"].is_null());

        let listed: Value =
            get(&t, &t.dan, &format!("/api/v1/tasks/{}/attachments", t.task), &[]).await.json().await.expect("list");
        assert_eq!(listed["items"].as_array().map(Vec::len), Some(2), "a member sees them");

        let url = notes["download_url"].as_str().expect("url");
        let whole = get(&t, &t.dan, url, &[]).await;
        assert_eq!(whole.status(), 200);
        assert_eq!(header(&whole, "content-type"), "text/plain");
        assert_eq!(header(&whole, "x-content-type-options"), "nosniff");
        assert_eq!(
            header(&whole, "content-disposition"),
            "attachment; filename=\"notestxt.exe\"; filename*=UTF-8''notestxt.exe"
        );
        assert_eq!(header(&whole, "accept-ranges"), "bytes");
        assert!(header(&whole, "content-security-policy").contains("sandbox"));
        let etag = header(&whole, "etag");
        assert_eq!(etag, format!("\"{}\"", notes["sha256"].as_str().expect("sha")));
        assert_eq!(whole.bytes().await.expect("body").as_ref(), text.as_bytes());

        let part = get(&t, &t.dan, url, &[("range", "bytes=8-12")]).await;
        assert_eq!(part.status(), 206);
        assert_eq!(header(&part, "content-range"), format!("bytes 8-12/{}", text.len()));
        assert_eq!(part.bytes().await.expect("body").as_ref(), &text.as_bytes()[8..13]);
        let tail = get(&t, &t.dan, url, &[("range", "bytes=-4")]).await;
        assert_eq!(tail.bytes().await.expect("body").as_ref(), &text.as_bytes()[text.len() - 4..]);
        let past = get(&t, &t.dan, url, &[("range", &format!("bytes={}-", text.len()))]).await;
        assert_eq!(header(&past, "content-range"), format!("bytes */{}", text.len()));
        expect_problem(past, 416).await;
        let stale_range = get(&t, &t.dan, url, &[("range", "bytes=0-1"), ("if-range", "\"other\"")]).await;
        assert_eq!(stale_range.status(), 200, "If-Range with another version gets the whole file");
        assert_eq!(get(&t, &t.dan, url, &[("if-none-match", &etag)]).await.status(), 304);

        let preview = get(&t, &t.dan, image["preview_url"].as_str().expect("preview"), &[]).await;
        assert_eq!(preview.status(), 200);
        assert_eq!(header(&preview, "content-type"), "image/png");
        assert!(header(&preview, "content-disposition").starts_with("inline;"));
        assert_eq!(preview.bytes().await.expect("png").as_ref(), PNG);
        let no_preview = format!("/api/v1/attachments/{}/preview", notes["id"].as_str().expect("id"));
        expect_problem(get(&t, &t.dan, &no_preview, &[]).await, 404).await;

        let blob = store_dir(&t).join("blobs").join(&etag[1..3]).join(&etag[1..65]);
        assert_eq!(std::fs::read(&blob).expect("stored under its hash"), text.as_bytes());
        assert!(files_under(&store_dir(&t).join("staging")).is_empty(), "no staging leftovers");
        let audited = t.app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'attachment.added'").await;
        assert_eq!(audited, 2, "each file is audited");
        let evented = t.app.count("SELECT COUNT(*) FROM events WHERE kind = 'attachment.added'").await;
        assert_eq!(evented, 2, "and announced");
    }

    async fn refused_uploads_name_the_field_and_leave_nothing_behind(backend: Backend) {
        let configure = Box::new(|s: &mut dayline::config::Settings| {
            s.attachment_max_bytes = 4096;
            s.attachment_quota_bytes = 6000;
        });
        let t = team_with(spawn_app_with(backend, Options { configure, ..Options::default() }).await).await;
        // Refused by its first bytes while most of it is still on the way: the client still
        // reads the refusal, not a connection reset under its upload.
        let mut long_program = program();
        long_program.resize(768 * 1024, 0);
        let refusals: Vec<(Form, u16, &str)> = vec![
            (form(&[("report.pdf", &program())]), 415, "application/x-executable"),
            (form(&[("installer.pdf", &long_program)]), 415, "application/x-executable"),
            (form(&[("setup.png", b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0")]), 415, "portable-executable"),
            (form(&[("page.txt", b"<html><script>alert(1)</script></html>")]), 415, "text/html"),
            (form(&[("run.txt", b"#!/bin/sh\necho hi\n")]), 415, "shellscript"),
            (form(&[("big.txt", "x".repeat(5000).as_bytes())]), 413, "4 KiB"),
            // A good file and a bad one: all or nothing.
            (form(&[("fine.png", PNG), ("bad.pdf", &program())]), 415, "bad.pdf"),
            (form(&[("empty.txt", b"")]), 422, "is empty"),
        ];
        for (body, status, says) in refusals {
            let problem = expect_problem(upload(&t, &t.bo, &t.task, body).await, status).await;
            assert_eq!(problem["errors"][0]["field"], "file", "{problem}");
            assert!(problem["errors"][0]["message"].as_str().is_some_and(|m| m.contains(says)), "{problem}");
        }
        assert_eq!(attachment_rows(&t).await, 0, "no row for any refused file");
        assert!(files_under(&store_dir(&t)).is_empty(), "and no file: {:?}", files_under(&store_dir(&t)));

        let wrong_part = Form::new().part("document", Part::bytes(PNG.to_vec()).file_name("a.png"));
        let problem = expect_problem(upload(&t, &t.bo, &t.task, wrong_part).await, 422).await;
        assert_eq!(problem["errors"][0]["field"], "document");
        let problem = expect_problem(upload(&t, &t.bo, &t.task, Form::new().text("note", "x")).await, 422).await;
        assert_eq!(problem["errors"][0]["field"], "note");
        let path = format!("/api/v1/tasks/{}/attachments", t.task);
        expect_problem(t.app.send(Method::POST, &path, &t.bo, Some(json!({}))).await, 415).await;

        // The quota: 4,000 bytes fit in 6,000; another 4,000 do not, for any of the uploader's
        // tasks, while someone else still has room.
        uploaded(&t, &t.bo, &[("a.txt", "a".repeat(4000).as_bytes())]).await;
        let problem = expect_problem(upload(&t, &t.bo, &t.task, form(&[("b.txt", "b".repeat(4000).as_bytes())])).await, 413).await;
        assert!(problem["detail"].as_str().is_some_and(|d| d.contains("quota")), "{problem}");
        uploaded(&t, &t.dan, &[("c.txt", "c".repeat(4000).as_bytes())]).await;
        assert_eq!(attachment_rows(&t).await, 2);
        assert!(files_under(&store_dir(&t).join("staging")).is_empty());
    }

    async fn attachments_are_seen_and_removed_only_by_those_the_task_allows(backend: Backend) {
        let t = team_with(spawn_app(backend).await).await;
        let by_bo = uploaded(&t, &t.bo, &[("pixel.png", PNG)]).await.remove(0);
        let by_dan = uploaded(&t, &t.dan, &[("notes.txt", b"by dan")]).await.remove(0);
        let id = by_bo["id"].as_str().expect("id");
        // Someone outside the group finds nothing, whatever they ask.
        for path in [
            format!("/api/v1/tasks/{}/attachments", t.task),
            format!("/api/v1/attachments/{id}"),
            format!("/api/v1/attachments/{id}/content"),
            format!("/api/v1/attachments/{id}/preview"),
        ] {
            expect_problem(get(&t, &t.carla, &path, &[]).await, 404).await;
        }
        expect_problem(upload(&t, &t.carla, &t.task, form(&[("x.png", PNG)])).await, 404).await;
        let delete = |token: String, id: &Value| {
            let path = format!("/api/v1/attachments/{}", id.as_str().expect("id"));
            let app = &t.app;
            async move { app.send(Method::DELETE, &path, &token, None).await }
        };
        expect_problem(delete(t.carla.clone(), &by_bo["id"]).await, 404).await;
        // A member who did not upload it may not remove it; its uploader and the admin may.
        expect_problem(delete(t.dan.clone(), &by_bo["id"]).await, 403).await;
        assert_eq!(delete(t.bo.clone(), &by_bo["id"]).await.status(), 204);
        assert_eq!(delete(t.ana.clone(), &by_dan["id"]).await.status(), 204, "a group admin moderates");
        expect_problem(get(&t, &t.bo, &format!("/api/v1/attachments/{id}"), &[]).await, 404).await;
        let removed = t.app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'attachment.removed'").await;
        assert_eq!(removed, 2);

        // A personal task's files are its owner's alone, even for a group admin.
        let personal: Value =
            t.app.send(Method::POST, "/api/v1/tasks", &t.bo, Some(json!({ "title": "Mine" }))).await.json().await.expect("task");
        let personal_id = personal["id"].as_str().expect("id");
        assert_eq!(upload(&t, &t.bo, personal_id, form(&[("me.png", PNG)])).await.status(), 201);
        expect_problem(upload(&t, &t.ana, personal_id, form(&[("me.png", PNG)])).await, 404).await;
        expect_problem(get(&t, &t.ana, &format!("/api/v1/tasks/{personal_id}/attachments"), &[]).await, 404).await;
    }

    async fn tasks_with_files_are_found_and_removed_files_are_swept(backend: Backend) {
        let t = team_with(spawn_app(backend).await).await;
        let other: Value = t
            .app
            .send(Method::POST, "/api/v1/tasks", &t.bo, Some(json!({ "title": "No files" })))
            .await
            .json()
            .await
            .expect("task");
        let first = uploaded(&t, &t.bo, &[("same.txt", b"identical bytes")]).await.remove(0);
        let second = uploaded(&t, &t.bo, &[("copy.txt", b"identical bytes")]).await.remove(0);
        assert_eq!(first["sha256"], second["sha256"]);
        assert_eq!(files_under(&store_dir(&t).join("blobs")).len(), 1, "identical content is stored once");

        let with: Value = get(&t, &t.bo, "/api/v1/tasks?has_attachments=true", &[]).await.json().await.expect("list");
        let ids: Vec<&str> = with["items"].as_array().expect("items").iter().filter_map(|i| i["id"].as_str()).collect();
        assert_eq!(ids, [t.task.as_str()]);
        let without: Value = get(&t, &t.bo, "/api/v1/tasks?has_attachments=false", &[]).await.json().await.expect("list");
        let ids: Vec<&str> = without["items"].as_array().expect("items").iter().filter_map(|i| i["id"].as_str()).collect();
        assert_eq!(ids, [other["id"].as_str().expect("id")]);

        let sweep = || dayline::files::sweep_unreferenced(&t.app.state.db, &t.app.state.files, std::time::Duration::ZERO);
        let path = |v: &Value| format!("/api/v1/attachments/{}", v["id"].as_str().expect("id"));
        assert_eq!(t.app.send(Method::DELETE, &path(&first), &t.bo, None).await.status(), 204);
        assert_eq!(sweep().await.expect("sweep").blobs, 0, "the other attachment still names the blob");
        assert_eq!(get(&t, &t.bo, &format!("{}/content", path(&second)), &[]).await.status(), 200);
        assert_eq!(t.app.send(Method::DELETE, &path(&second), &t.bo, None).await.status(), 204);
        assert_eq!(sweep().await.expect("sweep").blobs, 1);
        assert!(files_under(&store_dir(&t)).is_empty(), "nothing is left");
    }

    async fn an_interrupted_upload_leaves_no_file_and_no_row(backend: Backend) {
        let t = team_with(spawn_app(backend).await).await;
        let mut stream = crate::support::raw::connect(t.app.addr).await;
        let head = format!(
            "POST /api/v1/tasks/{}/attachments HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\n\
             Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: 10000000\r\n\r\n\
             --XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n\r\n",
            t.task, t.bo
        );
        crate::support::raw::send(&mut stream, head.as_bytes()).await;
        // Past the sniffing window, so the file is being written when the client goes away.
        for _ in 0..8 {
            crate::support::raw::send(&mut stream, "y".repeat(16 * 1024).as_bytes()).await;
        }
        let staging = store_dir(&t).join("staging");
        assert!(eventually(|| { let staging = staging.clone(); async move { !files_under(&staging).is_empty() } }).await,
            "the upload reached the store");
        drop(stream);
        assert!(eventually(|| { let staging = staging.clone(); async move { files_under(&staging).is_empty() } }).await,
            "the partial file is removed");
        assert_eq!(attachment_rows(&t).await, 0);
        assert!(files_under(&store_dir(&t).join("blobs")).is_empty());
    }

    async fn an_unusable_store_answers_503_and_keeps_nothing(backend: Backend) {
        let blocker = tempfile::NamedTempFile::new().expect("file");
        let under_a_file = blocker.path().join("files");
        let configure = Box::new(move |s: &mut dayline::config::Settings| s.files_dir = Some(under_a_file));
        let t = team_with(spawn_app_with(backend, Options { configure, ..Options::default() }).await).await;
        let problem = expect_problem(upload(&t, &t.bo, &t.task, form(&[("a.png", PNG)])).await, 503).await;
        assert!(problem["detail"].as_str().is_some_and(|d| d.contains("nothing was saved")), "{problem}");
        assert_eq!(attachment_rows(&t).await, 0);
    }
}

/// A full disk needs a small file system: `scripts/test` mounts one (as root) and names it in
/// `DAYLINE_TEST_SMALL_DISK`; elsewhere this test says it did not run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_answers_507_and_keeps_nothing() {
    let Some(disk) = std::env::var_os("DAYLINE_TEST_SMALL_DISK").map(PathBuf::from) else {
        eprintln!("a_full_disk_answers_507_and_keeps_nothing: DAYLINE_TEST_SMALL_DISK is not set; not run");
        return;
    };
    let dir = tempfile::tempdir_in(&disk).expect("dir on the small disk");
    let files = dir.path().to_path_buf();
    let configure = Box::new(move |s: &mut dayline::config::Settings| s.files_dir = Some(files));
    let t = team_with(spawn_app_with(Backend::Sqlite, Options { configure, ..Options::default() }).await).await;
    let big = "z".repeat(3 * 1024 * 1024);
    let problem = expect_problem(upload(&t, &t.bo, &t.task, form(&[("big.txt", big.as_bytes())])).await, 507).await;
    assert!(problem["detail"].as_str().is_some_and(|d| d.contains("full")), "{problem}");
    assert_eq!(attachment_rows(&t).await, 0);
    assert!(files_under(dir.path()).is_empty(), "no partial file: {:?}", files_under(dir.path()));
}

/// The same store in an S3-compatible bucket: `scripts/test` runs a local S3 server (moto)
/// and names it in `DAYLINE_TEST_S3_ENDPOINT`; elsewhere this test says it did not run.
#[cfg(feature = "s3")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attachments_live_in_an_s3_bucket_when_configured() {
    let Ok(endpoint) = std::env::var("DAYLINE_TEST_S3_ENDPOINT") else {
        eprintln!("attachments_live_in_an_s3_bucket_when_configured: DAYLINE_TEST_S3_ENDPOINT is not set; not run");
        return;
    };
    dayline::files::install_tls_provider();
    let bucket = format!("dayline-{}", uuid::Uuid::now_v7().simple());
    let client = reqwest::Client::builder().no_proxy().build().expect("client");
    let created = client.put(format!("{endpoint}/{bucket}")).send().await.expect("create bucket");
    assert!(created.status().is_success(), "bucket: {}", created.status());
    let (url, s3) = (format!("s3://{bucket}/attachments"), endpoint.clone());
    let configure = Box::new(move |s: &mut dayline::config::Settings| {
        s.files_url = Some(url);
        s.s3_endpoint = Some(s3);
        s.s3_access_key_id = Some("test".to_owned());
        s.s3_secret_access_key = Some("test".to_owned().into());
    });
    let t = team_with(spawn_app_with(Backend::Sqlite, Options { configure, ..Options::default() }).await).await;
    // Larger than one 5 MiB part, so the upload is a real multipart one.
    let big: Vec<u8> = (0..6 * 1024 * 1024).map(|i| b"abcdefghij\n"[i % 11]).collect();
    let items = uploaded(&t, &t.bo, &[("pixel.png", PNG), ("big.txt", &big)]).await;
    let sha = items[1]["sha256"].as_str().expect("sha").to_owned();
    // Looked at directly, with the bucket's own client.
    let bucket_store = object_store::aws::AmazonS3Builder::new()
        .with_bucket_name(&bucket)
        .with_endpoint(&endpoint)
        .with_allow_http(true)
        .with_region("us-east-1")
        .with_access_key_id("test")
        .with_secret_access_key("test")
        .build()
        .expect("bucket client");
    let object = object_store::path::Path::from(format!("attachments/blobs/{}/{sha}", &sha[..2]));
    let stored = |object: object_store::path::Path| {
        let bucket_store = bucket_store.clone();
        async move { object_store::ObjectStoreExt::head(&bucket_store, &object).await.is_ok() }
    };
    assert!(stored(object.clone()).await, "stored in the bucket by its hash");
    assert!(files_under(&store_dir(&t)).is_empty(), "nothing on the local disk");

    let url = items[1]["download_url"].as_str().expect("url");
    let whole = get(&t, &t.dan, url, &[]).await;
    assert_eq!(whole.status(), 200);
    assert_eq!(whole.bytes().await.expect("body").as_ref(), big.as_slice());
    let part = get(&t, &t.dan, url, &[("range", "bytes=5242870-5242889")]).await;
    assert_eq!(part.status(), 206);
    assert_eq!(part.bytes().await.expect("body").as_ref(), &big[5_242_870..5_242_890]);

    let path = format!("/api/v1/attachments/{}", items[1]["id"].as_str().expect("id"));
    assert_eq!(t.app.send(Method::DELETE, &path, &t.bo, None).await.status(), 204);
    let swept = dayline::files::sweep_unreferenced(&t.app.state.db, &t.app.state.files, std::time::Duration::ZERO);
    assert_eq!(swept.await.expect("sweep").blobs, 1);
    assert!(!stored(object).await, "removed from the bucket");
    let pixel = get(&t, &t.dan, items[0]["preview_url"].as_str().expect("preview"), &[]).await;
    assert_eq!(pixel.bytes().await.expect("png").as_ref(), PNG, "the other file stays");
}
