import { useId } from 'react';

import { Button } from '../components/Button';
import { useModalDialog } from '../hooks/use-modal-dialog';
import { SHORTCUTS } from './shortcuts';

export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const id = useId();
  const dialog = useModalDialog(open);
  return (
    <dialog ref={dialog} aria-labelledby={id} onClose={onClose} className="m-auto w-[28rem] max-w-[calc(100vw-2rem)] rounded-lg bg-white p-4 text-zinc-900 shadow-2xl backdrop:bg-zinc-950/40 dark:bg-zinc-900 dark:text-zinc-100">
      <h2 id={id} className="mb-3 text-base font-semibold">
        Keyboard shortcuts
      </h2>
      <dl className="flex flex-col gap-2 text-sm">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.keys} className="flex justify-between gap-4">
            <dt>
              <kbd className="rounded border border-zinc-300 px-1.5 font-mono text-xs dark:border-zinc-600">{shortcut.keys}</kbd>
            </dt>
            <dd className="text-right">{shortcut.does}</dd>
          </div>
        ))}
      </dl>
      <Button variant="secondary" className="mt-4" onClick={onClose}>
        Close
      </Button>
    </dialog>
  );
}
