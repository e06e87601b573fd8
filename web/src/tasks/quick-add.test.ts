import { describe, expect, it } from 'vitest';

import type { Member } from '../api/types';
import { addDays, parseQuickAdd } from './quick-add';

// A Wednesday.
const TODAY = '2026-11-25';

const member = (user_id: string, display_name: string, email: string): Member => ({
  user_id,
  display_name,
  email,
  role: 'member',
  joined_at: '2026-11-01T00:00:00Z',
});
const MEMBERS = [member('u-ana', 'Ana Alves', 'ana@example.com'), member('u-bo', 'Bo Berg', 'bo@example.com')];

describe('parseQuickAdd', () => {
  it('takes due, priority, tags and assignee out of the title', () => {
    expect(parseQuickAdd('Send the report tomorrow !high #finance #Q4 @ana', TODAY, MEMBERS)).toEqual({
      title: 'Send the report',
      due_date: '2026-11-26',
      priority: 'high',
      tags: ['finance', 'Q4'],
      assignee: { user_id: 'u-ana', display_name: 'Ana Alves' },
    });
  });

  it('reads weekdays as the next such day, never today', () => {
    expect(parseQuickAdd('Standup notes friday', TODAY).due_date).toBe('2026-11-27');
    expect(parseQuickAdd('Plan wed', TODAY).due_date).toBe('2026-12-02');
    expect(parseQuickAdd('Retro next week', TODAY).due_date).toBe('2026-11-30');
    expect(parseQuickAdd('Renew in 3 days', TODAY)).toMatchObject({ title: 'Renew', due_date: '2026-11-28' });
    expect(parseQuickAdd('Audit 2027-01-31 p1', TODAY)).toMatchObject({ due_date: '2027-01-31', priority: 'urgent' });
  });

  it('keeps what it does not understand in the title', () => {
    // An unknown person, an impossible date and an earlier due phrase stay as typed.
    expect(parseQuickAdd('Ask @zoe about 2026-02-30 friday today', TODAY, MEMBERS)).toEqual({
      title: 'Ask @zoe about 2026-02-30 friday',
      due_date: TODAY,
      tags: [],
    });
  });

  it('assigns nobody when a name fits two members', () => {
    const twins = [...MEMBERS, member('u-ana2', 'Ana Costa', 'costa@example.com')];
    expect(parseQuickAdd('Review @ana', TODAY, twins)).toEqual({ title: 'Review @ana', tags: [] });
  });

  it('counts days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});
