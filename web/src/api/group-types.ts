// Names for the generated schema types the group pages use.
import type { components } from './schema';

type Schemas = components['schemas'];

export type GroupRole = Schemas['GroupRole'];
export type CreateGroupRequest = Schemas['CreateGroupRequest'];
export type UpdateGroupRequest = Schemas['UpdateGroupRequest'];
export type Invitation = Schemas['InvitationResponse'];
export type CreateInvitationRequest = Schemas['CreateInvitationRequest'];
export type AddMemberRequest = Schemas['AddMemberRequest'];
export type UpdateTagRequest = Schemas['UpdateTagRequest'];
export type AuditEntry = Schemas['AuditEntryResponse'];
export type AuditList = Schemas['AuditList'];
export type StepUpRequest = Schemas['StepUpRequest'];
