import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { useForm } from 'react-hook-form';

import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import { auditSearchSchema, hasAuditSearch, NO_AUDIT_SEARCH, type AuditSearch } from './audit-search';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from './audit-vocabulary';
import { INPUT } from './styles';

interface AuditFilterFormProps {
  search: AuditSearch;
  onApply: (search: AuditSearch) => void;
}

/**
 * The audit filters, applied together on submit: ids are long, and a half-typed one would
 * only earn a 422. Remount it (with a `key`) when the address changes, to show the new values.
 */
export function AuditFilterForm({ search, onApply }: AuditFilterFormProps) {
  const id = useId();
  const form = useForm<AuditSearch>({ resolver: zodResolver(auditSearchSchema), defaultValues: search });
  const errors = form.formState.errors;
  return (
    <form
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={form.handleSubmit(onApply)}
      className="flex flex-col gap-4 rounded-md border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <h2 id={`${id}-title`} className="text-base font-semibold">
        Filter entries
      </h2>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <TextField
          label="Action"
          list={`${id}-actions`}
          autoComplete="off"
          placeholder="e.g. auth.login_failed"
          error={errors.action?.message}
          {...form.register('action')}
        />
        <datalist id={`${id}-actions`}>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-target-type`} className="text-sm font-medium">
            Target type
          </label>
          <select id={`${id}-target-type`} className={`${INPUT} text-base`} {...form.register('targetType')}>
            <option value="">Any</option>
            {AUDIT_TARGET_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </div>
        <TextField label="Actor id" autoComplete="off" spellCheck={false} error={errors.actor?.message} {...form.register('actor')} />
        <TextField label="Target id" autoComplete="off" spellCheck={false} error={errors.target?.message} {...form.register('target')} />
        <TextField label="Group id" autoComplete="off" spellCheck={false} error={errors.group?.message} {...form.register('group')} />
        <div className="grid grid-cols-2 gap-3">
          <TextField label="From" type="date" error={errors.from?.message} {...form.register('from')} />
          <TextField label="To" type="date" error={errors.to?.message} {...form.register('to')} />
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit">Apply filters</Button>
        {hasAuditSearch(search) && (
          <Button variant="ghost" onClick={() => onApply(NO_AUDIT_SEARCH)}>
            Clear filters
          </Button>
        )}
      </div>
    </form>
  );
}
