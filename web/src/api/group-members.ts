import { request } from './client';
import type { AddMemberRequest, GroupRole } from './group-types';
import type { Member } from './types';

/** Adds someone who already has an account; new people get an invitation instead. */
export function addMember(groupId: string, body: AddMemberRequest): Promise<Member> {
  return request<Member>(`/api/v1/groups/${groupId}/members`, { method: 'POST', body });
}

export function setMemberRole(groupId: string, userId: string, role: GroupRole): Promise<Member> {
  return request<Member>(`/api/v1/groups/${groupId}/members/${userId}`, { method: 'PATCH', body: { role } });
}

/** Removes a member, or leaves the group when `userId` is the caller's own. */
export function removeMember(groupId: string, userId: string): Promise<void> {
  return request<void>(`/api/v1/groups/${groupId}/members/${userId}`, { method: 'DELETE' });
}
