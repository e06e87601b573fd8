import { useQuery } from '@tanstack/react-query';

import { meQuery } from '../../../api/me';
import type { Group } from '../../../api/types';
import { DeleteGroupSection } from './DeleteGroupSection';
import { GroupSummary } from './GroupSummary';
import { SettingsForm } from './SettingsForm';

export function SettingsSection({ group, isAdmin }: { group: Group; isAdmin: boolean }) {
  const me = useQuery(meQuery);
  if (!isAdmin) return <GroupSummary group={group} />;
  return (
    <div className="flex flex-col gap-8">
      <SettingsForm key={group.id} group={group} />
      <DeleteGroupSection group={group} staysVisible={me.data?.role === 'super_admin'} />
    </div>
  );
}
