import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';

import { signIn, type SignInResult } from '../../api/session';
import { passwordStepSchema } from '../../auth/sign-in-schemas';
import { Button } from '../../components/Button';
import { ProblemNotice } from '../../components/ProblemNotice';
import { TextField } from '../../components/TextField';

export function PasswordStep({ onResult }: { onResult: (result: SignInResult) => void }) {
  const form = useForm({ resolver: zodResolver(passwordStepSchema), defaultValues: { email: '', password: '' } });
  const mutation = useMutation({ mutationFn: signIn, onSuccess: onResult });
  const { errors } = form.formState;

  return (
    <form noValidate onSubmit={form.handleSubmit((values) => mutation.mutate(values))} className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      {mutation.error && <ProblemNotice error={mutation.error} />}
      <TextField
        label="E-mail"
        type="email"
        autoComplete="username"
        error={errors.email?.message}
        {...form.register('email')}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        error={errors.password?.message}
        {...form.register('password')}
      />
      <Button type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? 'Signing in…' : 'Sign in'}
      </Button>
      <Link to="/forgot-password" className="self-start text-sm font-medium text-indigo-700 underline dark:text-indigo-400">
        Forgot your password?
      </Link>
    </form>
  );
}
