import { useEffect } from 'react';

/** Every single-key shortcut, for the `?` overview. */
export const SHORTCUTS: readonly { keys: string; does: string }[] = [
  { keys: 'c or q', does: 'Quick add a task' },
  { keys: '?', does: 'Show these shortcuts' },
  { keys: 'Ctrl/Cmd + K', does: 'Command palette: go anywhere, find a task' },
  { keys: 'Escape', does: 'Close the task panel or a dialog' },
  { keys: 'Alt + ← / →', does: 'Board: move the focused card to the previous or next column' },
  { keys: 'Alt + ↑ / ↓', does: 'Board: move the focused card up or down' },
  { keys: 'Ctrl/Cmd + Enter', does: 'Send a comment or save a description' },
];

function typingIn(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return Boolean(element?.closest('input, textarea, select, [contenteditable="true"]'));
}

/** Calls `handlers[key]` for a plain key press outside text fields and open dialogs. */
export function useShortcuts(handlers: Readonly<Record<string, () => void>>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || typingIn(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const handler = handlers[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [handlers]);
}

/** Ctrl-K (Cmd-K on a Mac) from anywhere, even while typing: it is no text input key. */
export function useCommandKey(open: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        open();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
}
