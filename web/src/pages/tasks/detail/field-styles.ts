/** The look of the panel's inline controls: quiet until hovered or focused. */
export const INLINE_INPUT =
  'min-h-9 w-full rounded-md border border-transparent bg-transparent px-2 text-sm hover:border-zinc-300 focus:border-zinc-400 dark:hover:border-zinc-700 dark:focus:border-zinc-600 aria-invalid:border-red-600';
export const SECTION_HEADING = 'text-sm font-semibold text-zinc-700 dark:text-zinc-300';
