import type { Group } from '../../../api/types';
import { weekdayName } from '../WeekdayToggles';
import { viewerZone } from '../../../time/zones';
import { timeForViewer } from '../zoned-time';

function Time({ time, zone }: { time: string; zone: string }) {
  return <>{timeForViewer(time, zone, viewerZone()) ?? `${time} (${zone})`}</>;
}

/** The settings as a member sees them: what to expect and when, on their own clock too. */
export function GroupSummary({ group }: { group: Group }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
      <dt className="font-medium">Time zone</dt>
      <dd>{group.timezone}</dd>
      <dt className="font-medium">Check-in days</dt>
      <dd>{group.checkin_days.map(weekdayName).join(', ')}</dd>
      <dt className="font-medium">Check-in reminder</dt>
      <dd>
        <Time time={group.checkin_time} zone={group.timezone} />
      </dd>
      <dt className="font-medium">Daily summary</dt>
      <dd>
        <Time time={group.summary_time} zone={group.timezone} />
      </dd>
      <dt className="font-medium">Two-step verification for admins</dt>
      <dd>{group.require_admin_mfa ? 'Required' : 'Not required'}</dd>
    </dl>
  );
}
