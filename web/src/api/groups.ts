import { queryOptions } from '@tanstack/react-query';

import { request } from './client';
import type { GroupList } from './types';

export const groupsQuery = queryOptions({
  queryKey: ['groups'],
  queryFn: ({ signal }) => request<GroupList>('/api/v1/groups', { signal }),
});
