// Shared data and routes for the group pages' tests.
import type { Group, Member, User } from '../../api/types';
import { Toaster } from '../../toast/Toaster';
import { GroupPage } from './GroupPage';
import { GroupsPage } from './GroupsPage';

export const GROUP_ID = '0190b7f4-0000-7000-8000-00000000a001';
export const ANA_ID = '0190b7f4-0000-7000-8000-0000000000a1';
export const BO_ID = '0190b7f4-0000-7000-8000-0000000000b0';

export function group(overrides: Partial<Group> = {}): Group {
  return {
    id: GROUP_ID,
    name: 'Platform team',
    slug: 'platform-team',
    description: 'Keeps the lights on.',
    timezone: 'UTC',
    checkin_days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    checkin_time: '20:00',
    summary_time: '09:00',
    require_admin_mfa: false,
    created_at: '2026-11-01T00:00:00Z',
    my_role: 'admin',
    ...overrides,
  };
}

export const ME: User = {
  id: ANA_ID,
  display_name: 'Ana Alves',
  email: 'ana@example.com',
  role: 'user',
  is_active: true,
  timezone: 'UTC',
  created_at: '2026-11-01T00:00:00Z',
};

export const ANA: Member = { user_id: ANA_ID, display_name: 'Ana Alves', email: 'ana@example.com', role: 'admin', joined_at: '2026-11-01T00:00:00Z' };
export const BO: Member = { user_id: BO_ID, display_name: 'Bo Berg', email: 'bo@example.com', role: 'member', joined_at: '2026-11-02T00:00:00Z' };

export const routes = [
  {
    path: '/groups',
    element: (
      <>
        <GroupsPage />
        <Toaster />
      </>
    ),
  },
  {
    path: '/groups/:groupId',
    element: (
      <>
        <GroupPage />
        <Toaster />
      </>
    ),
  },
];

export const groupPath = (tab?: string) => `/groups/${GROUP_ID}${tab ? `?tab=${tab}` : ''}`;
