//! User accounts.

mod create;
mod fields;
mod row;
mod unlock;

pub use create::{NewUser, create_user};
pub use fields::{DisplayName, EmailAddress, Password};
pub use row::UserRow;
pub use unlock::unlock_user;
