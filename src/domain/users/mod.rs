//! User accounts.

mod create;
mod fields;
mod row;

pub use create::{NewUser, create_user};
pub use fields::{DisplayName, EmailAddress, Password};
pub use row::UserRow;
