//! Dayline's integration tests: one binary, each test against a real server on a free port
//! with its own database, on SQLite and on PostgreSQL.

#[macro_use]
mod support;

mod account;
mod admin_audit;
mod admin_jobs;
mod admin_users;
mod api_tokens;
mod attachments;
mod audit;
mod auth;
mod cli;
mod comments;
mod config;
mod cookies;
mod errors;
mod group_schedules;
mod groups;
mod health;
mod http_layers;
mod invitations;
mod jobs;
mod kept_lists;
mod mail;
mod metrics;
mod mfa;
mod openapi;
mod passkeys;
mod password_reset;
mod passwords;
mod permissions;
mod relations;
mod row_security;
mod scheduler;
mod schema;
mod search;
mod setup;
mod shutdown;
mod tags;
mod tasks;
mod throttling;
mod web;
