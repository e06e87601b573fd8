//! Password length rules over HTTP: no truncation anywhere (argon2id, unlike bcrypt, reads
//! every byte), 8 to 128 characters, on both backends.

use serde_json::json;

use crate::support::{Options, TestApp, expect_problem, spawn_app_with};

/// A varied (so not "weak") password of exactly `len` characters.
fn password_of(len: usize, seed: u64) -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_.!";
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ALPHABET[(state >> 33) as usize % ALPHABET.len()] as char
        })
        .collect()
}

async fn register(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.post_json("/api/v1/auth/register", &json!({ "email": email, "display_name": "Bo", "password": password })).await
}

async fn open_app(backend: crate::support::Backend) -> TestApp {
    let configure = Box::new(|s: &mut dayline::config::Settings| s.registration = dayline::config::Registration::Open);
    spawn_app_with(backend, Options { configure, ..Options::default() }).await
}

on_both! {
    async fn passwords_of_64_and_128_characters_work_and_129_is_refused(backend: Backend) {
        let app = open_app(backend).await;
        for (len, email) in [(64, "p64@example.com"), (128, "p128@example.com")] {
            let password = password_of(len, len as u64);
            assert_eq!(register(&app, email, &password).await.status(), 201, "{len} characters");
            assert_eq!(app.login(email, &password).await.status(), 200, "{len} characters sign in");
        }
        let problem = expect_problem(register(&app, "p129@example.com", &password_of(129, 129)).await, 422).await;
        assert_eq!(problem["errors"][0]["field"], "password");
        // Characters, not bytes: 128 three-byte characters are fine.
        let wide: String = password_of(64, 7).chars().zip("日本語のパスワード".chars().cycle()).flat_map(|(a, b)| [a, b]).collect();
        assert_eq!(wide.chars().count(), 128);
        assert_eq!(register(&app, "wide@example.com", &wide).await.status(), 201);
        assert_eq!(app.login("wide@example.com", &wide).await.status(), 200);
    }

    async fn passwords_differing_only_after_byte_72_are_different_passwords(backend: Backend) {
        let app = open_app(backend).await;
        let prefix = password_of(72, 72);
        let (real, other) = (format!("{prefix}-first-ending"), format!("{prefix}-other-ending"));
        assert_eq!(register(&app, "long@example.com", &real).await.status(), 201);
        expect_problem(app.login("long@example.com", &other).await, 401).await;
        expect_problem(app.login("long@example.com", &prefix).await, 401).await;
        assert_eq!(app.login("long@example.com", &real).await.status(), 200);
    }
}
