//! The wire format of Dayline's HTTP API: request and response bodies with their OpenAPI
//! schemas. Kept apart from database rows so tables can change while the API stays stable.

mod account;
mod attachments;
mod audit;
mod auth;
mod groups;
mod health;
mod jobs;
mod mfa;
mod problem;
mod setup;
mod tasks;
mod user;

pub use account::{
    ChangePasswordRequest, ForgotPasswordRequest, ResetPasswordRequest, SessionResponse, UpdateMeRequest,
};
pub use attachments::{AttachmentList, AttachmentResponse};
pub use audit::{AuditEntryResponse, AuditList, AuditQuery, RegisterRequest};
pub use auth::{CookieSession, Jwk, JwkSet, LoginRequest, LoginResponse, RefreshRequest, SessionMode, TokenPair};
pub use groups::{
    AcceptInvitationRequest, AddMemberRequest, CreateGroupRequest, CreateInvitationRequest, GroupList, GroupResponse,
    GroupRole, InvitationAccepted, InvitationResponse, MemberResponse, UpdateGroupRequest, UpdateMemberRequest,
};
pub use health::{HealthStatus, Liveness};
pub use jobs::{JobList, JobListQuery, JobResponse};
pub use mfa::{
    ApiTokenResponse, BackupCodes, CreateApiTokenRequest, CreatedApiToken, MfaChallenge, MfaLoginRequest, MfaStatus,
    MfaWebauthnStartRequest, PasskeyNameRequest, PasskeyResponse, RegenerateBackupCodesRequest, SecondFactor,
    StepUpRequest, TokenScope, TotpConfirmRequest, TotpDisableRequest, TotpEnrolment, WebauthnOptions,
    WebauthnResponse,
};
pub use problem::{FieldError, Problem};
pub use setup::{SetupRequest, SetupStatus};
pub use tasks::{
    CommentList, CommentRequest, CommentResponse, CreateRelationRequest, CreateTaskRequest, Frequency, MergeTagRequest,
    MoveTaskRequest, NotificationList, NotificationResponse, NthWeekday, RecurrenceRule, RelationKind, RelationList,
    RelationResponse, SearchQuery, TagList, TagQuery, TagResponse, TaskChange, TaskHistory, TaskList, TaskListQuery,
    TaskPriority, TaskResponse, TaskStatus, UpdateTagRequest, UpdateTaskRequest,
};
pub use user::{AdminUpdateUserRequest, GlobalRole, UserList, UserListQuery, UserResponse};
