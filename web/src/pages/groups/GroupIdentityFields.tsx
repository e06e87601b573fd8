import { Controller, type FieldErrors, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';

import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { TimezonePicker } from './TimezonePicker';

/** What names a group and sets its clock: the same fields when creating one and in its settings. */
type Identity = { name: string; slug: string; description: string; timezone: string };

/**
 * The name, slug, description and time zone fields of a group form. `creating`: the slug and
 * description may be left empty (the server makes the slug from the name).
 */
export function GroupIdentityFields<TInput extends Identity & FieldValues, TOutput>({
  form,
  creating,
}: {
  form: UseFormReturn<TInput, unknown, TOutput>;
  creating: boolean;
}) {
  // Both forms' values include these four strings; react-hook-form cannot see that through a
  // type parameter, so the names are given as paths of the caller's form here, once.
  const path = (name: keyof Identity) => name as Path<TInput>;
  const errors = form.formState.errors as FieldErrors<Identity>;
  return (
    <>
      <TextField label="Name" autoComplete="off" error={errors.name?.message} {...form.register(path('name'))} />
      <TextField
        label={creating ? 'Slug (optional)' : 'Slug'}
        hint={
          creating
            ? 'Lowercase letters, digits and dashes, unique. Made from the name when left empty.'
            : 'Lowercase letters, digits and dashes, unique among groups.'
        }
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        error={errors.slug?.message}
        {...form.register(path('slug'))}
      />
      <TextAreaField
        label={creating ? 'Description (optional)' : 'Description'}
        error={errors.description?.message}
        {...form.register(path('description'))}
      />
      <Controller
        control={form.control}
        name={path('timezone')}
        render={({ field }) => (
          <TimezonePicker
            label="Time zone"
            hint="Check-in reminders, daily summaries and due times follow this zone's clock."
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            ref={field.ref}
            error={errors.timezone?.message}
          />
        )}
      />
    </>
  );
}
