import type { Session } from '../../../api/account';
import { Button } from '../../../components/Button';
import { describeDevice, formatDateTime } from '../format';

interface SessionItemProps {
  session: Session;
  timeZone: string | undefined;
  ending: boolean;
  onEnd: () => void;
}

export function SessionItem({ session, timeZone, ending, onEnd }: SessionItemProps) {
  const device = describeDevice(session.user_agent);
  return (
    <li className="flex flex-col gap-2 rounded-md border border-zinc-200 p-3 sm:flex-row sm:items-center dark:border-zinc-800">
      <div className="flex min-w-0 flex-1 flex-col gap-0.5">
        <p className="flex flex-wrap items-center gap-2 font-medium">
          <span className="break-words">{device}</span>
          {session.current && (
            <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
              This session
            </span>
          )}
        </p>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {session.ip && <>{session.ip} · </>}
          Last active {formatDateTime(session.last_used_at, timeZone)} · Signed in{' '}
          {formatDateTime(session.created_at, timeZone)}
        </p>
      </div>
      {!session.current && (
        <Button variant="secondary" className="self-start sm:self-center" disabled={ending} onClick={onEnd}>
          {ending ? 'Signing out…' : 'Sign out'}
          <span className="sr-only"> {device}</span>
        </Button>
      )}
    </li>
  );
}
