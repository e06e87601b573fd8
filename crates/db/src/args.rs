//! Bind values for SQL shared by both backends. Each variant holds an `Option` so that a
//! NULL still carries its type, which PostgreSQL needs to plan the statement.

use chrono::{DateTime, Utc};
use serde_json::Value;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub enum Arg {
    Uuid(Option<Uuid>),
    Text(Option<String>),
    Int(Option<i64>),
    Bool(Option<bool>),
    Time(Option<DateTime<Utc>>),
    Json(Option<Value>),
}

macro_rules! arg_from {
    ($variant:ident, $ty:ty) => {
        impl From<$ty> for Arg {
            fn from(v: $ty) -> Self {
                Arg::$variant(Some(v.into()))
            }
        }
        impl From<Option<$ty>> for Arg {
            fn from(v: Option<$ty>) -> Self {
                Arg::$variant(v.map(Into::into))
            }
        }
    };
}

arg_from!(Uuid, Uuid);
arg_from!(Text, String);
arg_from!(Text, &str);
arg_from!(Int, i64);
arg_from!(Bool, bool);
arg_from!(Time, DateTime<Utc>);
arg_from!(Json, Value);

impl From<&String> for Arg {
    fn from(v: &String) -> Self {
        Arg::Text(Some(v.clone()))
    }
}
