import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { meQuery } from '../../api/me';
import { Loading } from '../../components/Loading';

/** A page for someone who is not a super admin: the server would refuse every request anyway. */
export function NotSuperAdmin() {
  return (
    <div className="flex max-w-xl flex-col gap-4">
      <title>Super admins only · Dayline</title>
      <h1 className="text-2xl font-semibold">You need to be a super admin</h1>
      <p className="text-zinc-700 dark:text-zinc-300">
        This page manages the whole Dayline instance, so only super admins can open it. Ask one of them if you need
        something changed.
      </p>
      <p>
        <Link to="/" className="font-medium text-indigo-700 underline dark:text-indigo-400">
          Go to Home
        </Link>
      </p>
    </div>
  );
}

/** Shows `children` to super admins only; the role comes from the cached signed-in user. */
export function SuperAdminOnly({ children }: { children: ReactNode }) {
  const { data: me } = useQuery(meQuery);
  if (!me) return <Loading label="Loading your account…" />;
  if (me.role !== 'super_admin') return <NotSuperAdmin />;
  return children;
}
