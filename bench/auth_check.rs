//! The cost of authenticating a request: access-token verification plus the revocation
//! check, measured as process CPU time per call on SQLite: for a session this instance has
//! checked in the last two seconds (the common case for a busy client), for one it has not
//! (a session lookup in the database), and the signature check done once per token.
//!
//!   cargo run --release --example auth-check [-- CALLS]

use std::sync::Arc;
use std::time::Instant;

use dayline::config::Settings;
use dayline::domain::sessions::{LoginOutcome, authenticate};
use dayline::domain::setup::parse_account;
use dayline::domain::users::{NewUser, create_user};
use dayline_api_types::{GlobalRole, LoginRequest, SessionMode};
use dayline_db::{ActorContext, SystemClock};

/// User plus system CPU time of this process, in seconds.
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let calls: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(200_000);
    let dir = tempfile::tempdir()?;
    let settings = Settings { data_dir: dir.path().to_path_buf(), log: "warn".to_owned(), ..Settings::default() };
    let state = dayline::start::prepare(settings, Arc::new(SystemClock)).await?;
    let password = "benchmark correct horse battery";
    let (email, display_name, _) =
        parse_account("bench@example.com", "Bench", password).map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let password_hash = state.passwords.hash(password.to_owned().into()).await?;
    let mut tx = state.db.begin(ActorContext::system()).await?;
    create_user(&mut tx, NewUser { email, display_name, password_hash, role: GlobalRole::User, via: "bench" }).await?;
    tx.commit().await?;
    let request = LoginRequest {
        email: "bench@example.com".to_owned(),
        password: password.to_owned(),
        session: SessionMode::Token,
    };
    let LoginOutcome::SignedIn { pair, .. } =
        dayline::domain::sessions::login(&state, ActorContext::system(), request).await?
    else {
        anyhow::bail!("the benchmark user has no second factor");
    };
    let token = pair.access_token;

    println!("authenticate(), SQLite, {calls} calls each");
    for (name, forget) in [("session checked < 2 s ago", false), ("session not checked in 2 s", true)] {
        let n = if forget { calls / 10 } else { calls };
        let (cpu, wall) = (cpu_secs(), Instant::now());
        for _ in 0..n {
            if forget {
                state.session_cache.forget_all();
            }
            authenticate(&state, &token).await?;
        }
        let per_call_us = (cpu_secs() - cpu) / n as f64 * 1e6;
        let wall_us = wall.elapsed().as_secs_f64() / n as f64 * 1e6;
        println!("  {name:<26} {per_call_us:>8.1} µs CPU per call   {wall_us:>8.1} µs wall   ({n} calls)");
    }
    let issuer = state.settings.public_base_url();
    let (cpu, n) = (cpu_secs(), calls / 10);
    for _ in 0..n {
        state.keys.verify(&token, &issuer, state.clock.now()).map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    println!(
        "  {:<26} {:>8.1} µs CPU per call",
        "signature check, once per token",
        (cpu_secs() - cpu) / n as f64 * 1e6
    );
    Ok(())
}
