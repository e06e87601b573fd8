//! Browser sessions: `__Host-` cookies with the right flags, and CSRF protection on every
//! unsafe cookie-authenticated request; Bearer requests need neither.

use serde_json::{Value, json};

use dayline_api_types::GlobalRole;

use crate::support::{TestApp, expect_problem, spawn_app};

const PASSWORD: &str = "correct horse battery staple";

struct Browser {
    cookie: String,
    csrf: String,
    set_cookies: Vec<String>,
}

async fn cookie_login(app: &TestApp) -> Browser {
    let response = app
        .post_json("/api/v1/auth/login", &json!({"email": "bo@example.com", "password": PASSWORD, "session": "cookie"}))
        .await;
    assert_eq!(response.status(), 200);
    let set_cookies: Vec<String> =
        response.headers().get_all("set-cookie").iter().map(|v| v.to_str().expect("ascii").to_owned()).collect();
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["token_type"], "cookie");
    assert!(
        body.get("access_token").is_none() && body.get("refresh_token").is_none(),
        "tokens stay out of reach of scripts"
    );
    Browser {
        cookie: cookie_header(&set_cookies),
        csrf: body["csrf_token"].as_str().expect("csrf").to_owned(),
        set_cookies,
    }
}

/// The `Cookie` header a browser would send back.
fn cookie_header(set_cookies: &[String]) -> String {
    set_cookies.iter().map(|c| c.split(';').next().expect("pair").to_owned()).collect::<Vec<_>>().join("; ")
}

fn patch_me(app: &TestApp, browser: &Browser) -> reqwest::RequestBuilder {
    app.client
        .patch(app.url("/api/v1/me"))
        .header("cookie", &browser.cookie)
        .json(&json!({"display_name": "Ana Cookie"}))
}

on_both! {
    async fn cookie_login_sets_host_only_http_only_strict_cookies(backend: Backend) {
        let app = spawn_app(backend).await;
        app.complete_setup().await;
        app.create_user("bo@example.com", "Bo Berg", GlobalRole::User).await;
        let browser = cookie_login(&app).await;
        assert_eq!(browser.set_cookies.len(), 2);
        for cookie in &browser.set_cookies {
            assert!(cookie.starts_with("__Host-dayline_"), "{cookie}");
            for flag in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
                assert!(cookie.contains(flag), "{cookie} lacks {flag}");
            }
            assert!(!cookie.contains("Domain="), "{cookie}");
        }
        let me = app.client.get(app.url("/api/v1/me")).header("cookie", &browser.cookie).send().await.expect("me");
        assert_eq!(me.status(), 200, "reads need no CSRF token");
        // Each login is a new session with its own CSRF token.
        let again = cookie_login(&app).await;
        assert_ne!(again.csrf, browser.csrf);
        assert_ne!(again.cookie, browser.cookie);
    }

    async fn unsafe_cookie_requests_need_the_sessions_csrf_token_and_origin(backend: Backend) {
        let app = spawn_app(backend).await;
        app.complete_setup().await;
        app.create_user("bo@example.com", "Bo Berg", GlobalRole::User).await;
        let browser = cookie_login(&app).await;
        let other = cookie_login(&app).await;
        let problem = expect_problem(patch_me(&app, &browser).send().await.expect("patch"), 403).await;
        assert!(problem["detail"].as_str().expect("detail").contains("CSRF"));
        expect_problem(patch_me(&app, &browser).header("x-csrf-token", "forged").send().await.expect("patch"), 403).await;
        let wrong_session = patch_me(&app, &browser).header("x-csrf-token", &other.csrf).send().await.expect("patch");
        expect_problem(wrong_session, 403).await;
        let cross_site = patch_me(&app, &browser)
            .header("x-csrf-token", &browser.csrf)
            .header("origin", "https://evil.example")
            .send()
            .await
            .expect("patch");
        expect_problem(cross_site, 403).await;
        let same_site = patch_me(&app, &browser)
            .header("x-csrf-token", &browser.csrf)
            .header("origin", app.state.settings.public_base_url())
            .send()
            .await
            .expect("patch");
        assert_eq!(same_site.status(), 200);

        // Bearer clients need neither.
        let pair: Value = app
            .post_json("/api/v1/auth/login", &json!({"email": "bo@example.com", "password": PASSWORD}))
            .await
            .json()
            .await
            .expect("json");
        let bearer = app
            .client
            .patch(app.url("/api/v1/me"))
            .bearer_auth(pair["access_token"].as_str().expect("token"))
            .json(&json!({"display_name": "Ana Bearer"}))
            .send()
            .await
            .expect("patch");
        assert_eq!(bearer.status(), 200);
    }

    async fn cookie_refresh_and_logout(backend: Backend) {
        let app = spawn_app(backend).await;
        app.complete_setup().await;
        app.create_user("bo@example.com", "Bo Berg", GlobalRole::User).await;
        let browser = cookie_login(&app).await;
        let refresh = || app.client.post(app.url("/api/v1/auth/refresh")).header("cookie", &browser.cookie);
        expect_problem(refresh().send().await.expect("refresh"), 403).await;
        let response = refresh().header("x-csrf-token", &browser.csrf).send().await.expect("refresh");
        assert_eq!(response.status(), 200);
        let renewed: Vec<String> = response.headers().get_all("set-cookie").iter().map(|v| v.to_str().expect("ascii").to_owned()).collect();
        assert_eq!(renewed.len(), 2);
        let body: Value = response.json().await.expect("json");
        assert_eq!(body["csrf_token"], browser.csrf.as_str(), "same session, same CSRF token");
        let cookie = cookie_header(&renewed);

        let logout = app
            .client
            .post(app.url("/api/v1/auth/logout"))
            .header("cookie", &cookie)
            .header("x-csrf-token", &browser.csrf)
            .send()
            .await
            .expect("logout");
        assert_eq!(logout.status(), 204);
        let cleared: Vec<String> = logout.headers().get_all("set-cookie").iter().map(|v| v.to_str().expect("ascii").to_owned()).collect();
        assert!(cleared.len() == 2 && cleared.iter().all(|c| c.contains("Max-Age=0")), "{cleared:?}");
        let me = app.client.get(app.url("/api/v1/me")).header("cookie", &cookie).send().await.expect("me");
        expect_problem(me, 401).await;
    }
}
