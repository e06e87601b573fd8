// Class lists shared by the admin pages, so the three read alike in light and dark mode.

export const CARD_LIST = 'divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800';

export const BADGE = 'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium';
export const BADGE_TONES = {
  neutral: 'bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200',
  accent: 'bg-indigo-100 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100',
  warning: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100',
  danger: 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100',
} as const;

export const INPUT = 'min-h-10 rounded-md border border-zinc-300 bg-white px-3 text-sm dark:border-zinc-700 dark:bg-zinc-900';

export const MUTED = 'text-sm text-zinc-600 dark:text-zinc-400';

export const CODE_BLOCK =
  'overflow-x-auto rounded-md bg-zinc-100 p-3 font-mono text-xs whitespace-pre-wrap break-words text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100';
