import { z } from 'zod';

import type { UpdateGroupRequest } from '../../../api/group-types';
import type { Group } from '../../../api/types';
import { clockTime, description, groupName, slug, timezone, weekdays } from '../group-fields';

export const settingsSchema = z.object({
  name: groupName,
  slug,
  description,
  timezone,
  checkin_time: clockTime,
  summary_time: clockTime,
  checkin_days: weekdays,
  require_admin_mfa: z.boolean(),
});

export type SettingsInput = z.input<typeof settingsSchema>;
export type Settings = z.output<typeof settingsSchema>;

export const SETTINGS_FIELDS = [
  'name',
  'slug',
  'description',
  'timezone',
  'checkin_time',
  'summary_time',
  'checkin_days',
  'require_admin_mfa',
] as const;

export function settingsOf(group: Group): SettingsInput {
  return {
    name: group.name,
    slug: group.slug,
    description: group.description,
    timezone: group.timezone,
    checkin_time: group.checkin_time,
    summary_time: group.summary_time,
    checkin_days: group.checkin_days as SettingsInput['checkin_days'],
    require_admin_mfa: group.require_admin_mfa,
  };
}

/**
 * Only what differs from the group as loaded: the server changes only the fields sent, so
 * an admin saving the name does not undo another's new time zone.
 */
export function changedSettings(group: Group, settings: Settings): UpdateGroupRequest {
  const changes: UpdateGroupRequest = {};
  if (settings.name !== group.name) changes.name = settings.name;
  if (settings.slug !== group.slug) changes.slug = settings.slug;
  if (settings.description !== group.description) changes.description = settings.description;
  if (settings.timezone !== group.timezone) changes.timezone = settings.timezone;
  if (settings.checkin_time !== group.checkin_time) changes.checkin_time = settings.checkin_time;
  if (settings.summary_time !== group.summary_time) changes.summary_time = settings.summary_time;
  if (settings.checkin_days.join() !== group.checkin_days.join()) changes.checkin_days = settings.checkin_days;
  if (settings.require_admin_mfa !== group.require_admin_mfa) changes.require_admin_mfa = settings.require_admin_mfa;
  return changes;
}
