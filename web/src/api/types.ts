// Names for the generated schema types the app uses, so pages never spell out
// `components['schemas'][…]`.
import type { components } from './schema';

type Schemas = components['schemas'];

export type Problem = Schemas['Problem'];
export type FieldError = Schemas['FieldError'];

export type User = Schemas['UserResponse'];
export type Group = Schemas['GroupResponse'];
export type GroupList = Schemas['GroupList'];

export type Task = Schemas['TaskResponse'];
export type TaskList = Schemas['TaskList'];
export type TaskStatus = Schemas['TaskStatus'];
export type TaskPriority = Schemas['TaskPriority'];
export type CreateTaskRequest = Schemas['CreateTaskRequest'];
export type UpdateTaskRequest = Schemas['UpdateTaskRequest'];
export type MoveTaskRequest = Schemas['MoveTaskRequest'];
export type RecurrenceRule = Schemas['RecurrenceRule'];
export type Frequency = Schemas['Frequency'];
export type TaskChange = Schemas['TaskChange'];
export type TaskHistory = Schemas['TaskHistory'];
export type Relation = Schemas['RelationResponse'];
export type RelationKind = Schemas['RelationKind'];
export type RelationList = Schemas['RelationList'];
export type Comment = Schemas['CommentResponse'];
export type CommentList = Schemas['CommentList'];
export type Attachment = Schemas['AttachmentResponse'];
export type AttachmentList = Schemas['AttachmentList'];
export type Tag = Schemas['TagResponse'];
export type TagList = Schemas['TagList'];
export type Member = Schemas['MemberResponse'];

export type LoginRequest = Schemas['LoginRequest'];
export type LoginResponse = Schemas['LoginResponse'];
export type CookieSession = Schemas['CookieSession'];
export type MfaChallenge = Schemas['MfaChallenge'];
export type MfaLoginRequest = Schemas['MfaLoginRequest'];
export type WebauthnOptions = Schemas['WebauthnOptions'];
export type WebauthnResponse = Schemas['WebauthnResponse'];
