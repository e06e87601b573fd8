import { QueryClient } from '@tanstack/react-query';

import { ProblemError } from '../api/problem';

function isClientError(error: unknown): boolean {
  return error instanceof ProblemError && error.status >= 400 && error.status < 500;
}

function isSessionLost(error: unknown): boolean {
  return error instanceof ProblemError && error.status === 401;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Asking again will not change a 4xx answer.
        retry: (failures, error) => !isClientError(error) && failures < 2,
        // A page without its data shows the route's error page; one that has data keeps it
        // (a failed background refetch or "Load more" is reported where it happened). A lost
        // session is already on its way to the sign-in page.
        throwOnError: (error, query) => query.state.data === undefined && !isSessionLost(error),
      },
    },
  });
}
