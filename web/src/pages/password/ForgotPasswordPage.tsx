import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';

import { request } from '../../api/client';
import { Button } from '../../components/Button';
import { ProblemNotice } from '../../components/ProblemNotice';
import { TextField } from '../../components/TextField';
import { placeFieldErrors } from '../../forms/field-errors';

const schema = z.object({ email: z.string().trim().email('Enter the e-mail address you sign in with.') });
type ForgotPassword = z.infer<typeof schema>;

// The server answers alike whether or not an account uses the address, so this page cannot
// tell anyone which addresses have accounts either.
function askForLink(body: ForgotPassword): Promise<void> {
  return request<void>('/api/v1/auth/password/forgot', { method: 'POST', body, anonymous: true });
}

/** Asks for a link to set a new password; the mailed link opens the server's reset page. */
export function ForgotPasswordPage() {
  const form = useForm<ForgotPassword>({ resolver: zodResolver(schema), defaultValues: { email: '' } });
  const mutation = useMutation({
    mutationFn: askForLink,
    onError: (error) => placeFieldErrors(error, ['email'], form.setError),
  });

  return (
    <main className="mx-auto flex min-h-dvh w-full max-w-sm flex-col justify-center gap-6 px-4 py-10">
      <title>Reset your password · Dayline</title>
      <p className="text-lg font-semibold text-indigo-700 dark:text-indigo-400">Dayline</p>
      <h1 className="text-2xl font-semibold">Reset your password</h1>
      {mutation.isSuccess ? (
        <p role="status">
          If an account uses {mutation.variables.email}, a link to set a new password is on its way. Check your mail,
          including the spam folder.
        </p>
      ) : (
        <form noValidate onSubmit={form.handleSubmit((values) => mutation.mutate(values))} className="flex flex-col gap-4">
          <p className="text-sm text-zinc-700 dark:text-zinc-300">We will mail you a link to choose a new password.</p>
          {mutation.error && <ProblemNotice error={mutation.error} shownFields={['email']} />}
          <TextField
            label="E-mail"
            type="email"
            autoComplete="username"
            error={form.formState.errors.email?.message}
            {...form.register('email')}
          />
          <Button type="submit" disabled={mutation.isPending}>
            {mutation.isPending ? 'Sending…' : 'Send the link'}
          </Button>
        </form>
      )}
      <Link to="/login" className="text-sm font-medium text-indigo-700 underline dark:text-indigo-400">
        Back to sign in
      </Link>
    </main>
  );
}
