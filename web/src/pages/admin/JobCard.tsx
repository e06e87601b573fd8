import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';

import { adminJobsKey, discardJob, retryJob, type Job } from '../../api/admin';
import { Button } from '../../components/Button';
import { ProblemNotice } from '../../components/ProblemNotice';
import { showToast } from '../../toast/toasts';
import { ConfirmDialog } from './ConfirmDialog';
import { formatInstant } from './formats';
import { canDiscard, canRetry } from './job-states';
import { CODE_BLOCK, MUTED } from './styles';

/** One background job: what it is, how often it ran, why it last failed, and what to do next. */
export function JobCard({ job }: { job: Job }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);
  const settled = () => queryClient.invalidateQueries({ queryKey: adminJobsKey });

  const retry = useMutation({
    mutationFn: () => retryJob(job.id),
    onSuccess: () => {
      showToast(`${job.kind} job queued again.`);
      return settled();
    },
    onError: () => showToast(`Could not retry the ${job.kind} job.`, 'error'),
  });
  const discard = useMutation({
    mutationFn: () => discardJob(job.id),
    onSuccess: () => {
      showToast(`${job.kind} job discarded.`);
      return settled();
    },
    onError: () => showToast(`Could not discard the ${job.kind} job.`, 'error'),
  });
  const busy = retry.isPending || discard.isPending;
  const error = retry.error ?? discard.error;

  const facts: [string, string][] = [
    ['Queue', job.queue],
    ['Attempts', `${job.attempts} of ${job.max_attempts}`],
    ['Created', formatInstant(job.created_at)],
    [job.finished_at ? 'Finished' : 'Runs at', formatInstant(job.finished_at ?? job.run_at)],
  ];

  return (
    <li aria-labelledby={`${id}-kind`} className="flex flex-col gap-3 p-4">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 id={`${id}-kind`} className="font-mono text-base font-semibold break-all">
          {job.kind}
        </h2>
        <span className={`${MUTED} font-mono text-xs break-all`}>{job.id}</span>
      </div>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm sm:grid-cols-[repeat(4,max-content_1fr)]">
        {facts.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-zinc-600 dark:text-zinc-400">{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="flex flex-col gap-1">
        <h3 className="text-sm font-medium">Last error</h3>
        {job.last_error ? <pre className={CODE_BLOCK}>{job.last_error}</pre> : <p className={MUTED}>None recorded.</p>}
      </div>
      <div className="flex flex-wrap gap-2">
        {canRetry(job.state) && (
          <Button variant="secondary" disabled={busy} onClick={() => retry.mutate()}>
            {retry.isPending ? 'Retrying…' : 'Retry'}
            <span className="sr-only"> {job.kind} job</span>
          </Button>
        )}
        {canDiscard(job.state) && (
          <Button variant="secondary" disabled={busy} onClick={() => setConfirmingDiscard(true)}>
            {discard.isPending ? 'Discarding…' : 'Discard'}
            <span className="sr-only"> {job.kind} job</span>
          </Button>
        )}
      </div>
      {error && <ProblemNotice error={error} />}
      <ConfirmDialog
        open={confirmingDiscard}
        title={`Discard this ${job.kind} job?`}
        confirmLabel="Discard job"
        onCancel={() => setConfirmingDiscard(false)}
        onConfirm={() => {
          setConfirmingDiscard(false);
          discard.mutate();
        }}
      >
        The job is deleted and will not run again; the audit log records the discard.
      </ConfirmDialog>
    </li>
  );
}
