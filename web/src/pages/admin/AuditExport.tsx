import { useId, useState } from 'react';

import { Button } from '../../components/Button';
import { showToast } from '../../toast/toasts';
import { StepUpPrompt } from '../../step-up/StepUpPrompt';

const LINK =
  'inline-flex min-h-10 items-center justify-center rounded-md border border-zinc-300 bg-white px-4 text-sm font-medium text-zinc-900 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800';

/**
 * A plain download link, so the browser streams the file to disk however long it is. The
 * browser cannot answer a step-up refusal on a download, so the factor is proved beforehand.
 */
export function AuditExport({ href }: { href: string }) {
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="flex w-full flex-col gap-2 sm:w-auto sm:max-w-md sm:items-end">
      <div className="flex flex-wrap gap-2">
        <Button
          variant="ghost"
          aria-expanded={confirming}
          aria-controls={confirming ? `${id}-step-up` : undefined}
          onClick={() => setConfirming((open) => !open)}
        >
          Confirm it’s you
        </Button>
        <a href={href} download aria-describedby={`${id}-hint`} className={LINK}>
          Export
        </a>
      </div>
      <p id={`${id}-hint`} className="text-xs text-zinc-600 sm:text-right dark:text-zinc-400">
        Every matching entry, one JSON object per line. Needs a second factor proved in the last five minutes.
      </p>
      {confirming && (
        <div id={`${id}-step-up`} className="w-full">
          <StepUpPrompt
            onProved={() => {
              setConfirming(false);
              showToast('Confirmed: export within the next five minutes.');
            }}
            onCancel={() => setConfirming(false)}
          />
        </div>
      )}
    </div>
  );
}
