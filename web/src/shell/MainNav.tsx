import { useEffect } from 'react';
import { NavLink } from 'react-router';

const LINKS = [
  { to: '/', label: 'Home', end: true },
  { to: '/tasks', label: 'Tasks', end: false },
  { to: '/groups', label: 'Groups', end: false },
  { to: '/settings', label: 'Settings', end: false },
] as const;

interface MainNavProps {
  id: string;
  /** Only matters on small screens, where the navigation is a panel over the page. */
  open: boolean;
  /** Closes the panel: on Escape, on the backdrop, and once a link is followed. */
  onClose: () => void;
}

export function MainNav({ id, open, onClose }: MainNavProps) {
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
                  className={({ isActive }) =>
                    `flex min-h-10 items-center rounded-md px-3 text-sm font-medium ${
                      isActive
                        ? 'bg-indigo-100 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100'
                        : 'text-zinc-700 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800'
                    }`
                  }
                >
                  {label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
    </>
  );
}
