import { useInfiniteQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useSearchParams } from 'react-router';

import { adminJobsQuery, JOB_STATES, type JobState } from '../../api/admin';
import { Loading } from '../../components/Loading';
import { ProblemNotice } from '../../components/ProblemNotice';
import { JobCard } from './JobCard';
import { JOB_STATE_LABELS } from './job-states';
import { LoadMore } from './LoadMore';
import { CARD_LIST, INPUT, MUTED } from './styles';
import { SuperAdminOnly } from './SuperAdminOnly';

function stateFrom(params: URLSearchParams): JobState {
  const named = params.get('state');
  return JOB_STATES.find((state) => state === named) ?? 'dead';
}

function JobList({ state }: { state: JobState }) {
  const jobs = useInfiniteQuery(adminJobsQuery(state));
  const items = jobs.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-label="Jobs" aria-busy={jobs.isFetching} className="flex flex-col gap-4">
      {jobs.isPending ? (
        <Loading label="Loading jobs…" />
      ) : items.length === 0 ? (
        <p className={MUTED}>{state === 'dead' ? 'No dead jobs: everything ran or is still being retried.' : 'No jobs in this state.'}</p>
      ) : (
        <ul className={CARD_LIST}>
          {items.map((job) => (
            <JobCard key={job.id} job={job} />
          ))}
        </ul>
      )}
      {/* A failed first page shows the error page; a failed later one is reported here. */}
      {jobs.error && jobs.data && <ProblemNotice error={jobs.error} />}
      <LoadMore hasNextPage={jobs.hasNextPage} isFetchingNextPage={jobs.isFetchingNextPage} fetchNextPage={jobs.fetchNextPage} />
    </section>
  );
}

/** Background jobs that gave up (or any other state), to retry or discard. */
function Jobs() {
  const stateId = useId();
  const [params, setParams] = useSearchParams();
  const state = stateFrom(params);
  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <title>Jobs · Admin · Dayline</title>
      <div className="flex flex-wrap items-end gap-3">
        <h1 className="text-2xl font-semibold">Jobs</h1>
        <div className="flex flex-col gap-1 sm:ml-auto">
          <label htmlFor={stateId} className="text-sm font-medium">
            Show
          </label>
          <select
            id={stateId}
            className={INPUT}
            value={state}
            onChange={(event) => setParams(event.target.value === 'dead' ? {} : { state: event.target.value }, { replace: true })}
          >
            {JOB_STATES.map((option) => (
              <option key={option} value={option}>
                {JOB_STATE_LABELS[option]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className={MUTED}>
        A job is dead once it has failed every attempt. Retrying gives it fresh attempts; discarding deletes it.
      </p>
      <JobList state={state} />
    </div>
  );
}

export function AdminJobsPage() {
  return (
    <SuperAdminOnly>
      <Jobs />
    </SuperAdminOnly>
  );
}
