import type { GroupRole } from '../../api/group-types';

export const GROUP_ROLES = ['member', 'admin'] as const satisfies readonly GroupRole[];

export const ROLE_LABELS: Record<GroupRole, string> = { admin: 'Admin', member: 'Member' };
