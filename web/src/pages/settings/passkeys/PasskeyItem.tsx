import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { mfaStatusKey } from '../../../api/settings-mfa';
import { deletePasskey, passkeysKey, type Passkey } from '../../../api/settings-passkeys';
import { Button } from '../../../components/Button';
import { showToast } from '../../../toast/toasts';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { formatDate } from '../format';
import { ActionProblem } from '../../../step-up/ActionProblem';
import { RenamePasskeyForm } from './RenamePasskeyForm';

interface PasskeyItemProps {
  passkey: Passkey;
  timeZone: string | undefined;
}

export function PasskeyItem({ passkey, timeZone }: PasskeyItemProps) {
  const queryClient = useQueryClient();
  const [renaming, setRenaming] = useState(false);
  const remove = useMutation({
    mutationFn: () => deletePasskey(passkey.id),
    onSuccess: async () => {
      showToast(`Passkey “${passkey.name}” removed.`);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: passkeysKey }),
        queryClient.invalidateQueries({ queryKey: mfaStatusKey }),
      ]);
    },
  });

  return (
    <li className="flex flex-col gap-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      {renaming ? (
        <RenamePasskeyForm passkey={passkey} onDone={() => setRenaming(false)} />
      ) : (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
          <div className="flex min-w-0 flex-1 flex-col gap-0.5">
            <p className="font-medium break-words">{passkey.name}</p>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Added {formatDate(passkey.created_at, timeZone)} ·{' '}
              {passkey.last_used_at ? `Last used ${formatDate(passkey.last_used_at, timeZone)}` : 'Not used yet'}
            </p>
          </div>
          <div className="flex flex-wrap items-start gap-2">
            <Button variant="secondary" aria-label={`Rename ${passkey.name}`} onClick={() => setRenaming(true)}>
              Rename
            </Button>
            <ConfirmAction
              trigger="Remove"
              accessibleName={`Remove ${passkey.name}`}
              question={`Remove the passkey “${passkey.name}”? It will no longer sign you in.`}
              confirmLabel="Remove passkey"
              pendingLabel="Removing…"
              pending={remove.isPending}
              onConfirm={() => remove.mutate()}
            />
          </div>
        </div>
      )}
      <ActionProblem mutation={remove} />
    </li>
  );
}
