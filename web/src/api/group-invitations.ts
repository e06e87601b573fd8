import { queryOptions } from '@tanstack/react-query';

import { request } from './client';
import { groupKey } from './group-detail';
import type { CreateInvitationRequest, Invitation } from './group-types';

export function invitationsQuery(groupId: string) {
  return queryOptions({
    queryKey: [...groupKey(groupId), 'invitations'],
    queryFn: ({ signal }) => request<Invitation[]>(`/api/v1/groups/${groupId}/invitations`, { signal }),
  });
}

export function invite(groupId: string, body: CreateInvitationRequest): Promise<Invitation> {
  return request<Invitation>(`/api/v1/groups/${groupId}/invitations`, { method: 'POST', body });
}

/** Mails a new link (the old one stops working) valid for 7 more days. */
export function resendInvitation(groupId: string, invitationId: string): Promise<void> {
  return request<void>(`/api/v1/groups/${groupId}/invitations/${invitationId}/resend`, { method: 'POST' });
}

export function revokeInvitation(groupId: string, invitationId: string): Promise<void> {
  return request<void>(`/api/v1/groups/${groupId}/invitations/${invitationId}`, { method: 'DELETE' });
}
