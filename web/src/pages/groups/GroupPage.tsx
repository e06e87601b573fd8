import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useParams, useSearchParams } from 'react-router';

import { groupQuery } from '../../api/group-detail';
import { meQuery } from '../../api/me';
import type { Group } from '../../api/types';
import { Loading } from '../../components/Loading';
import { AuditSection } from './audit/AuditSection';
import { DeletedGroupNotice } from './DeletedGroupNotice';
import { GroupHeader } from './GroupHeader';
import { GroupTabs } from './GroupTabs';
import { InvitationsSection } from './invitations/InvitationsSection';
import { MembersSection } from './members/MembersSection';
import { SettingsSection } from './settings/SettingsSection';
import { currentTab, tabsFor, type GroupTabId } from './tabs';
import { TagsSection } from './tags/TagsSection';

function TabContent({ tab, group, isAdmin }: { tab: GroupTabId; group: Group; isAdmin: boolean }) {
  switch (tab) {
    case 'members':
      return <MembersSection group={group} isAdmin={isAdmin} />;
    case 'invitations':
      return <InvitationsSection group={group} />;
    case 'settings':
      return <SettingsSection group={group} isAdmin={isAdmin} />;
    case 'tags':
      return <TagsSection group={group} />;
    case 'audit':
      return <AuditSection group={group} />;
  }
}

/** One group: its members, invitations, settings, tags and audit trail, a tab each. */
export function GroupPage() {
  const { groupId = '' } = useParams();
  const [params] = useSearchParams();
  const headingId = useId();
  const group = useQuery(groupQuery(groupId));
  const me = useQuery(meQuery);

  if (group.isPending) return <Loading label="Loading group…" />;
  // A failed load without data goes to the route's error page (see the query client).
  if (!group.data) return null;

  // The server decides; this only spares members controls it would refuse.
  const isAdmin = group.data.my_role === 'admin' || me.data?.role === 'super_admin';
  const tab = currentTab(params.get('tab'), isAdmin);

  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <title>{`${group.data.name} · Groups · Dayline`}</title>
      <GroupHeader group={group.data} />
      {group.data.deleted_at ? (
        <DeletedGroupNotice group={group.data} canRestore={me.data?.role === 'super_admin'} />
      ) : (
        <>
          <GroupTabs tabs={tabsFor(isAdmin)} current={tab} />
          <section aria-labelledby={headingId} className="flex flex-col gap-4">
            <h2 id={headingId} className="text-lg font-semibold">
              {tab.label}
            </h2>
            <TabContent key={tab.id} tab={tab.id} group={group.data} isAdmin={isAdmin} />
          </section>
        </>
      )}
    </div>
  );
}
