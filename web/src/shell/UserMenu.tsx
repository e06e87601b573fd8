import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';

import { meQuery } from '../api/me';
import { signOut } from '../api/session';
import { ProblemNotice } from '../components/ProblemNotice';

const ITEM = 'flex min-h-10 w-full items-center rounded-md px-3 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800';

/** The signed-in user, with the way to settings and out. A disclosure, not an ARIA menu. */
export function UserMenu() {
  const { data: me } = useQuery(meQuery);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const container = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const signOutMutation = useMutation({
    mutationFn: signOut,
    onSuccess: () => {
      queryClient.clear();
      void navigate('/login', { replace: true });
    },
  });

  useEffect(() => {
    if (!open) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    const closeOnOutside = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', closeOnEscape);
    document.addEventListener('pointerdown', closeOnOutside);
    return () => {
      document.removeEventListener('keydown', closeOnEscape);
      document.removeEventListener('pointerdown', closeOnOutside);
    };
  }, [open]);

  return (
    <div ref={container} className="relative">
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="flex min-h-10 max-w-48 items-center gap-2 rounded-md px-2 text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800"
      >
        <span className="sr-only">Account: </span>
        <span className="truncate">{me?.display_name ?? 'Account'}</span>
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 fill-current">
          <path d="M5 7l5 6 5-6z" />
        </svg>
      </button>
      {open && (
        <div
          id={panelId}
          className="absolute right-0 z-20 mt-1 flex w-64 flex-col gap-1 rounded-md border border-zinc-200 bg-white p-2 shadow-lg dark:border-zinc-800 dark:bg-zinc-900"
        >
          {me && <p className="truncate px-3 py-1 text-xs text-zinc-600 dark:text-zinc-400">{me.email}</p>}
          <Link to="/settings" className={ITEM} onClick={() => setOpen(false)}>
            Settings
          </Link>
          <button
            type="button"
            className={ITEM}
            disabled={signOutMutation.isPending}
            onClick={() => signOutMutation.mutate()}
          >
            {signOutMutation.isPending ? 'Signing out…' : 'Sign out'}
          </button>
          {signOutMutation.error && <ProblemNotice error={signOutMutation.error} />}
        </div>
      )}
    </div>
  );
}
