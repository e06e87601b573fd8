use std::process::ExitCode;

fn main() -> ExitCode {
    dayline::cli::run()
}
