//! Logs: JSON lines when standard output is not a terminal (or when asked), readable text
//! otherwise. Every line inside a request carries its request id through the span.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

use crate::config::{LogFormat, Settings};

pub fn init(settings: &Settings) {
    // The filter was validated with the rest of the configuration.
    let filter = EnvFilter::try_new(&settings.log).unwrap_or_else(|_| EnvFilter::new("info"));
    let json = match settings.log_format {
        LogFormat::Json => true,
        LogFormat::Pretty => false,
        LogFormat::Auto => !std::io::stdout().is_terminal(),
    };
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stdout);
    // A second initialisation (tests start many servers in one process) is not an error.
    let _ = if json {
        builder.json().with_current_span(true).with_span_list(false).flatten_event(true).try_init()
    } else {
        builder.with_target(false).try_init()
    };
}
