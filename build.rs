//! Builds the web app in `web/` with npm whenever its sources change, into `$OUT_DIR/web`,
//! which `src/web/spa.rs` embeds. Without npm, or with `DAYLINE_SKIP_WEB_BUILD=1`, the folder
//! stays empty and the server answers a page saying how to build the app; the API is the same
//! either way. A web app that fails to build fails the build: it would otherwise ship stale.

use std::path::{Path, PathBuf};
use std::process::Command;

/// What the web build reads; a change to any of them builds the app again.
const INPUTS: &[&str] = &[
    "web/src",
    "web/public",
    "web/index.html",
    "web/package.json",
    "web/package-lock.json",
    "web/vite.config.ts",
    "web/tsconfig.json",
    "web/tsconfig.app.json",
    "web/tsconfig.node.json",
];

fn main() {
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("web");
    std::fs::create_dir_all(&out).expect("create the web output folder");
    for input in INPUTS {
        println!("cargo:rerun-if-changed={input}");
    }
    println!("cargo:rerun-if-env-changed=DAYLINE_SKIP_WEB_BUILD");
    if std::env::var_os("DAYLINE_SKIP_WEB_BUILD").is_some() {
        println!("cargo:warning=DAYLINE_SKIP_WEB_BUILD is set: building without the web app");
        return;
    }
    if !Path::new("web/package.json").exists() {
        return;
    }
    if Command::new("npm").arg("--version").output().is_err() {
        println!("cargo:warning=npm was not found: building without the web app (install Node.js 20+ with npm)");
        return;
    }
    if needs_install() {
        npm(&["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
    }
    let out = out.to_str().expect("OUT_DIR is UTF-8");
    npm(&["run", "build", "--silent", "--", "--outDir", out, "--emptyOutDir", "--logLevel", "warn"]);
}

/// `node_modules` is missing, or older than the lock file it was installed from.
fn needs_install() -> bool {
    let modified = |p: &str| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified("web/node_modules/.package-lock.json"), modified("web/package-lock.json")) {
        (Some(installed), Some(locked)) => installed < locked,
        _ => true,
    }
}

fn npm(args: &[&str]) {
    let status = Command::new("npm").args(args).current_dir("web").status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => {
            panic!("`npm {}` in web/ failed ({s}); fix the web app or set DAYLINE_SKIP_WEB_BUILD=1", args.join(" "))
        }
        Err(e) => panic!("`npm {}` in web/ could not run: {e}", args.join(" ")),
    }
}
