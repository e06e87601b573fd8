import { Loading } from './Loading';

/** Grey bars where the content will be, and one announcement of what is loading. */
export function Skeleton({ label, rows = 2 }: { label: string; rows?: number }) {
  return (
    <div className="flex flex-col gap-2">
      <Loading label={label} />
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} aria-hidden="true" className="h-12 rounded-md bg-zinc-100 motion-safe:animate-pulse dark:bg-zinc-800" />
      ))}
    </div>
  );
}
