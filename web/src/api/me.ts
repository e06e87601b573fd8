import { queryOptions } from '@tanstack/react-query';

import { request } from './client';
import type { User } from './types';

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: ({ signal }) => request<User>('/api/v1/me', { signal }),
  staleTime: 5 * 60_000,
});
