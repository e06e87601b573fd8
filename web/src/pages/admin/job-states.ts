import type { JobState } from '../../api/admin';

export const JOB_STATE_LABELS: Readonly<Record<JobState, string>> = {
  dead: 'Dead',
  failed: 'Failed, retrying',
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
};

/** The server retries dead and failed jobs only, and discards any job that is not running. */
export function canRetry(state: string): boolean {
  return state === 'dead' || state === 'failed';
}

export function canDiscard(state: string): boolean {
  return state !== 'running';
}
