// The settings pages, each at `/settings?section=<id>`: links that can be shared and
// bookmarked without a route of their own.

export const SETTINGS_SECTIONS = [
  { id: 'profile', label: 'Profile' },
  { id: 'security', label: 'Sign-in & security' },
  { id: 'sessions', label: 'Sessions' },
  { id: 'tokens', label: 'API tokens' },
] as const;

export type SettingsSectionId = (typeof SETTINGS_SECTIONS)[number]['id'];

export function sectionFrom(param: string | null): SettingsSectionId {
  return SETTINGS_SECTIONS.find((section) => section.id === param)?.id ?? 'profile';
}

export function sectionHref(id: SettingsSectionId): string {
  return `/settings?section=${id}`;
}
