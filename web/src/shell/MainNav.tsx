import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { NavLink } from 'react-router';

import { meQuery } from '../api/me';

const LINKS = [
  { to: '/', label: 'Home', end: true },
  { to: '/tasks', label: 'Tasks', end: false },
  { to: '/groups', label: 'Groups', end: false },
  { to: '/settings', label: 'Settings', end: false },
] as const;

const ADMIN_LINKS = [
  { to: '/admin/users', label: 'Users' },
  { to: '/admin/audit', label: 'Audit log' },
  { to: '/admin/jobs', label: 'Jobs' },
] as const;

const linkClass = ({ isActive }: { isActive: boolean }) =>
  `flex min-h-10 items-center rounded-md px-3 text-sm font-medium ${
    isActive
      ? 'bg-indigo-100 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100'
      : 'text-zinc-700 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800'
  }`;

interface MainNavProps {
  id: string;
  /** Only matters on small screens, where the navigation is a panel over the page. */
  open: boolean;
  /** Closes the panel: on Escape, on the backdrop, and once a link is followed. */
  onClose: () => void;
}

export function MainNav({ id, open, onClose }: MainNavProps) {
  const { data: me } = useQuery(meQuery);
  useEffect(() => {
    if (!open) return;
    const closeOnEscape = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    document.addEventListener('keydown', closeOnEscape);
    return () => document.removeEventListener('keydown', closeOnEscape);
  }, [open, onClose]);

  return (
    <>
      {open && (
        <div aria-hidden="true" className="fixed inset-0 z-30 bg-zinc-950/40 md:hidden" onClick={onClose} />
      )}
      <aside
        id={id}
        className={`${open ? 'fixed inset-y-0 left-0 z-40 flex' : 'hidden'} w-64 shrink-0 flex-col gap-6 border-r border-zinc-200 bg-zinc-50 p-4 md:static md:flex dark:border-zinc-800 dark:bg-zinc-900`}
      >
        <p className="px-3 text-lg font-semibold text-indigo-700 dark:text-indigo-400">Dayline</p>
        <nav aria-label="Main">
          <ul className="flex flex-col gap-1">
            {LINKS.map(({ to, label, end }) => (
              <li key={to}>
                <NavLink
                  to={to}
                  end={end}
                  onClick={onClose}
                  className={linkClass}
                >
                  {label}
                </NavLink>
              </li>
            ))}
          </ul>
          {/* The server refuses the admin pages' requests to anyone else; the link would only mislead. */}
          {me?.role === 'super_admin' && (
            <>
              <h2 id={`${id}-admin`} className="mt-6 mb-1 px-3 text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
                Admin
              </h2>
              <ul aria-labelledby={`${id}-admin`} className="flex flex-col gap-1">
                {ADMIN_LINKS.map(({ to, label }) => (
                  <li key={to}>
                    <NavLink to={to} onClick={onClose} className={linkClass}>
                      {label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </>
          )}
        </nav>
      </aside>
    </>
  );
}
