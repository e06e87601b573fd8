//! User accounts.

mod administer;
mod create;
mod fields;
mod register;
mod row;
mod unlock;

pub use administer::{list_users, update_user};
pub use create::{NewUser, create_user};
pub use fields::{DisplayName, EmailAddress, Password};
pub use register::register;
pub use row::UserRow;
pub use unlock::unlock_user;
