import { dismissToast, useToasts } from './toasts';

const TONES = {
  success: 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100',
  error: 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100',
} as const;

/** Where toasts appear: bottom right, above everything, announced politely. */
export function Toaster() {
  const toasts = useToasts();
  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-80 max-w-[calc(100vw-2rem)] flex-col gap-2">
      {toasts.map((toast) => (
        <div key={toast.id} className={`pointer-events-auto flex items-start gap-2 rounded-md border p-3 text-sm shadow ${TONES[toast.tone]}`}>
          <p className="flex-1">{toast.message}</p>
          <button type="button" className="rounded px-1" onClick={() => dismissToast(toast.id)}>
            <span aria-hidden="true">×</span>
            <span className="sr-only">Dismiss</span>
          </button>
        </div>
      ))}
    </div>
  );
}
