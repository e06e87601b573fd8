//! Groups (teams), the unit of sharing, and their memberships. Every decision about who may
//! see or change a group goes through `auth::policy::authorize_group`.

mod access;
mod daily_mail;
mod fields;
mod invitations;
mod manage;
mod members;
mod purge;
mod row;
mod schedule;

pub use access::load_for_change;
pub use daily_mail::{send_checkin_reminders, send_daily_summary};
pub use invitations::{
    INVITATION_JOB, accept_invitation, change_invitation, create_invitation, list_invitations, register_by_invitation,
    send_invitation_mail,
};
pub use manage::{
    authorize, create_group, delete_group, get_group, groups_of_user, list_groups, restore_group, update_group,
};
pub use members::{add_member, list_members, remove_member, set_member_role};
pub use purge::{RESTORABLE_FOR, purge_deleted_groups};
pub use row::parse_role;
pub use schedule::{CHECKIN_REMINDER_JOB, DAILY_SUMMARY_JOB, reminder_key, summary_key};
