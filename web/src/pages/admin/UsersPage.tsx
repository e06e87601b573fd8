import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useSearchParams } from 'react-router';

import { adminUsersQuery } from '../../api/admin';
import { meQuery } from '../../api/me';
import { Loading } from '../../components/Loading';
import { ProblemNotice } from '../../components/ProblemNotice';
import { useDebounced } from '../../hooks/use-debounced';
import { LoadMore } from './LoadMore';
import { CARD_LIST, INPUT, MUTED } from './styles';
import { SuperAdminOnly } from './SuperAdminOnly';
import { UserCard } from './UserCard';

function UserList({ q }: { q: string }) {
  const { data: me } = useQuery(meQuery);
  // The previous results stay while the next search runs, so the list does not flicker.
  const users = useInfiniteQuery({ ...adminUsersQuery(q), placeholderData: keepPreviousData });
  const items = users.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-label="Accounts" aria-busy={users.isFetching} className="flex flex-col gap-4">
      {users.isPending ? (
        <Loading label="Loading accounts…" />
      ) : items.length === 0 ? (
        <p className={MUTED}>{q ? `No account matches “${q}”.` : 'No accounts yet.'}</p>
      ) : (
        <ul className={CARD_LIST}>
          {items.map((user) => (
            <UserCard key={user.id} user={user} isSelf={user.id === me?.id} />
          ))}
        </ul>
      )}
      {/* A failed first page shows the error page; a failed later one is reported here. */}
      {users.error && users.data && <ProblemNotice error={users.error} />}
      <LoadMore hasNextPage={users.hasNextPage} isFetchingNextPage={users.isFetchingNextPage} fetchNextPage={users.fetchNextPage} />
    </section>
  );
}

/** Every account of the instance, searchable by name or e-mail; the search is in the address. */
function Users() {
  const searchId = useId();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const settled = useDebounced(q.trim());
  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <title>Users · Admin · Dayline</title>
      <div className="flex flex-wrap items-end gap-3">
        <h1 className="text-2xl font-semibold">Users</h1>
        <div className="flex w-full flex-col gap-1 sm:ml-auto sm:w-72">
          <label htmlFor={searchId} className="text-sm font-medium">
            Search by name or e-mail
          </label>
          <input
            id={searchId}
            type="search"
            value={q}
            onChange={(event) =>
              setParams(
                (current) => {
                  const next = new URLSearchParams(current);
                  if (event.target.value) next.set('q', event.target.value);
                  else next.delete('q');
                  return next;
                },
                { replace: true },
              )
            }
            className={INPUT}
          />
        </div>
      </div>
      <UserList q={settled} />
    </div>
  );
}

export function AdminUsersPage() {
  return (
    <SuperAdminOnly>
      <Users />
    </SuperAdminOnly>
  );
}
