import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';

import { passkeysKey, renamePasskey, type Passkey } from '../../../api/settings-passkeys';
import { Button } from '../../../components/Button';
import { TextField } from '../../../components/TextField';
import { placeFieldErrors } from '../../../forms/field-errors';
import { showToast } from '../../../toast/toasts';
import { ActionProblem } from '../../../step-up/ActionProblem';
import { passkeyNameSchema } from './passkey-name-schema';

interface RenamePasskeyFormProps {
  passkey: Passkey;
  onDone: () => void;
}

export function RenamePasskeyForm({ passkey, onDone }: RenamePasskeyFormProps) {
  const queryClient = useQueryClient();
  const form = useForm({ resolver: zodResolver(passkeyNameSchema), defaultValues: { name: passkey.name } });
  const mutation = useMutation({
    mutationFn: (name: string) => renamePasskey(passkey.id, name),
    onSuccess: (renamed) => {
      queryClient.setQueryData<Passkey[]>(passkeysKey, (all) => all?.map((p) => (p.id === renamed.id ? renamed : p)));
      showToast(`Passkey renamed to “${renamed.name}”.`);
      onDone();
    },
    onError: (error) => placeFieldErrors(error, ['name'], form.setError),
  });

  return (
    <div className="flex flex-col gap-3">
      <ActionProblem mutation={mutation} shownFields={['name']} />
      <form
        noValidate
        onSubmit={form.handleSubmit(({ name }) => mutation.mutate(name))}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onDone();
        }}
        className="flex flex-col gap-3"
      >
        <TextField
          label={`New name for “${passkey.name}”`}
          autoComplete="off"
          autoFocus
          error={form.formState.errors.name?.message}
          {...form.register('name')}
        />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={mutation.isPending}>
            {mutation.isPending ? 'Saving…' : 'Save name'}
          </Button>
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        </div>
      </form>
    </div>
  );
}
