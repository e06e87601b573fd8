/** A polite "still loading" line that screen readers announce once. */
export function Loading({ label }: { label: string }) {
  return (
    <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
      {label}
    </p>
  );
}
