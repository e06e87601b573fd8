import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';

import { confirmTotp, mfaStatusKey, type TotpEnrolment as Enrolment } from '../../../api/settings-mfa';
import { SecondFactorCodeField } from '../../../auth/SecondFactorCodeField';
import { totpSchema } from '../../../auth/sign-in-schemas';
import { Button } from '../../../components/Button';
import { placeFieldErrors } from '../../../forms/field-errors';
import { showToast } from '../../../toast/toasts';
import { CopyButton } from '../CopyButton';
import { ActionProblem } from '../../../step-up/ActionProblem';
import { QrCode } from './QrCode';
import { groupSecret } from './secret-groups';

interface TotpEnrolmentProps {
  enrolment: Enrolment;
  onConfirmed: (backupCodes: string[]) => void;
  onCancel: () => void;
}

/** Adding Dayline to an authenticator app: scan (or type) the secret, then prove it works. */
export function TotpEnrolment({ enrolment, onConfirmed, onCancel }: TotpEnrolmentProps) {
  const queryClient = useQueryClient();
  const form = useForm({ resolver: zodResolver(totpSchema), defaultValues: { code: '' } });
  const mutation = useMutation({
    mutationFn: confirmTotp,
    onSuccess: async ({ codes }) => {
      showToast('Authenticator app set up.');
      onConfirmed(codes);
      await queryClient.invalidateQueries({ queryKey: mfaStatusKey });
    },
    onError: (error) => placeFieldErrors(error, ['code'], form.setError),
  });

  return (
    <div className="flex flex-col gap-4 rounded-md border border-zinc-200 p-4 dark:border-zinc-800">
      <ol className="flex list-decimal flex-col gap-6 pl-5">
        <li>
          <div className="flex flex-col gap-3">
            <p>Scan this QR code with your authenticator app.</p>
            <div className="self-start rounded-md bg-white p-2">
              <QrCode value={enrolment.otpauth_uri} label="QR code to add Dayline to your authenticator app" />
            </div>
            <p className="text-sm text-zinc-700 dark:text-zinc-300">Cannot scan it? Enter this key in the app instead:</p>
            <div className="flex flex-wrap items-center gap-2">
              <code className="rounded bg-zinc-100 px-2 py-1 font-mono text-sm break-words dark:bg-zinc-800">
                {groupSecret(enrolment.secret)}
              </code>
              <CopyButton text={enrolment.secret} label="Copy the setup key" />
            </div>
          </div>
        </li>
        <li>
          <div className="flex flex-col gap-3">
            <p>Enter the code the app now shows for Dayline.</p>
            <ActionProblem mutation={mutation} shownFields={['code']} />
            <form
              noValidate
              onSubmit={form.handleSubmit(({ code }) => mutation.mutate(code))}
              className="flex flex-col gap-3"
            >
              <SecondFactorCodeField
                factor="totp"
                label="Code from the app"
                error={form.formState.errors.code?.message}
                {...form.register('code')}
              />
              <div className="flex flex-wrap gap-2">
                <Button type="submit" disabled={mutation.isPending}>
                  {mutation.isPending ? 'Checking…' : 'Turn on'}
                </Button>
                <Button variant="ghost" onClick={onCancel}>
                  Cancel
                </Button>
              </div>
            </form>
          </div>
        </li>
      </ol>
    </div>
  );
}
