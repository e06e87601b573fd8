export const GROUP_TABS = [
  { id: 'members', label: 'Members', adminOnly: false },
  { id: 'invitations', label: 'Invitations', adminOnly: true },
  { id: 'settings', label: 'Settings', adminOnly: false },
  { id: 'tags', label: 'Tags', adminOnly: true },
  { id: 'audit', label: 'Audit', adminOnly: true },
] as const;

export type GroupTab = (typeof GROUP_TABS)[number];
export type GroupTabId = GroupTab['id'];

export function tabsFor(isAdmin: boolean): GroupTab[] {
  return GROUP_TABS.filter((tab) => isAdmin || !tab.adminOnly);
}

/** The tab the address names, if the viewer has it; members otherwise (a shared link may name an admin tab). */
export function currentTab(requested: string | null, isAdmin: boolean): GroupTab {
  const tabs = tabsFor(isAdmin);
  return tabs.find((tab) => tab.id === requested) ?? tabs[0]!;
}
