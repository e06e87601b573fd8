import { useId } from 'react';

import type { CreatedApiToken } from '../../../api/settings-tokens';
import { Button } from '../../../components/Button';
import { CopyButton } from '../CopyButton';

interface NewTokenNoticeProps {
  created: CreatedApiToken;
  /** The person has copied it: the secret leaves the page for good. */
  onDone: () => void;
}

/** The new token's secret, shown this once. */
export function NewTokenNotice({ created, onDone }: NewTokenNoticeProps) {
  const id = useId();
  return (
    <div
      role="region"
      aria-labelledby={`${id}-heading`}
      className="flex flex-col gap-3 rounded-md border border-indigo-300 bg-indigo-50 p-4 dark:border-indigo-800 dark:bg-indigo-950"
    >
      <h3 id={`${id}-heading`} className="font-semibold">
        Copy your new token
      </h3>
      <p className="text-sm">
        This is the only time Dayline shows the token “{created.name}”. Send it as <code>Authorization: Bearer …</code>.
      </p>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <label htmlFor={`${id}-token`} className="text-sm font-medium">
            Token
          </label>
          <input
            id={`${id}-token`}
            readOnly
            value={created.token}
            autoFocus
            spellCheck={false}
            onFocus={(event) => event.currentTarget.select()}
            className="min-h-10 w-full rounded-md border border-zinc-300 bg-white px-3 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
        </div>
        <CopyButton text={created.token} label="Copy the token" />
      </div>
      <Button className="self-start" onClick={onDone}>
        Done
      </Button>
    </div>
  );
}
