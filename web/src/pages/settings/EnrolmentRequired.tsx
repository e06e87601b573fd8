import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';

import { mfaStatusQuery } from '../../api/settings-mfa';
import { sectionHref, type SettingsSectionId } from './settings-sections';

/**
 * Super admins without a second factor may do nothing else until they set one up; every
 * other section would only show the server's refusal, so say why and where to go.
 */
export function EnrolmentRequired({ current }: { current: SettingsSectionId }) {
  const { data: status } = useQuery({ ...mfaStatusQuery, throwOnError: false });
  if (!status?.enrolment_required) return null;
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <p className="font-medium">Set up two-step verification to continue.</p>
      <p>
        As a super admin you need an authenticator app or a passkey before you can use the rest of Dayline.{' '}
        {current !== 'security' && (
          <Link to={sectionHref('security')} className="font-medium underline">
            Set one up now
          </Link>
        )}
      </p>
    </div>
  );
}
