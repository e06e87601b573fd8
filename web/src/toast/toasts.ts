// Short notices about the outcome of an action ("Task archived", "Upload failed"), shown in
// one polite live region so screen readers announce them too.
import { useSyncExternalStore } from 'react';

export interface Toast {
  id: number;
  message: string;
  tone: 'success' | 'error';
}

const SHOWN_FOR_MS = 5000;
let toasts: readonly Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function publish(next: readonly Toast[]) {
  toasts = next;
  for (const listener of listeners) listener();
}

export function dismissToast(id: number): void {
  publish(toasts.filter((t) => t.id !== id));
}

export function showToast(message: string, tone: Toast['tone'] = 'success'): void {
  const id = nextId++;
  // At most three at a time: older ones have been read or are no longer news.
  publish([...toasts.slice(-2), { id, message, tone }]);
  setTimeout(() => dismissToast(id), SHOWN_FOR_MS);
}

export function useToasts(): readonly Toast[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => toasts,
  );
}
