// The quick-add line: "Send the report tomorrow !high #finance @ana" becomes a task titled
// "Send the report", due tomorrow, high priority, tagged finance, assigned to Ana. Whatever
// is not a recognised token stays in the title, so nothing typed is lost.
import type { Member, TaskPriority } from '../api/types';

export interface QuickTask {
  title: string;
  due_date?: string;
  priority?: TaskPriority;
  tags: string[];
  assignee?: Pick<Member, 'user_id' | 'display_name'>;
}

const PRIORITY_WORDS: Readonly<Record<string, TaskPriority>> = {
  '!urgent': 'urgent',
  '!high': 'high',
  '!medium': 'medium',
  '!med': 'medium',
  '!low': 'low',
  p1: 'urgent',
  p2: 'high',
  p3: 'medium',
  p4: 'low',
};

// Short and long names of each weekday, Sunday first (as Date.getUTCDay counts).
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** A calendar day as `YYYY-MM-DD`, moved by `days`; computed in UTC so no zone shifts it. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Today in the viewer's zone. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

function isRealDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
}

/** A due phrase starting at `words[i]`: the day and how many words it took. */
function dueAt(words: readonly string[], i: number, today: string): { day: string; used: number } | undefined {
  const word = words[i]!.toLowerCase();
  if (word === 'today') return { day: today, used: 1 };
  if (word === 'tomorrow' || word === 'tmr') return { day: addDays(today, 1), used: 1 };
  if (isRealDay(word)) return { day: word, used: 1 };
  const weekday = Math.max(WEEKDAYS.indexOf(word), WEEKDAY_NAMES.indexOf(word));
  if (weekday >= 0) {
    // The next such day, never today: "friday" on a Friday means next week's.
    const ahead = (weekday - weekdayOf(today) + 7) % 7 || 7;
    return { day: addDays(today, ahead), used: 1 };
  }
  if (word === 'next' && words[i + 1]?.toLowerCase() === 'week') {
    return { day: addDays(today, ((1 - weekdayOf(today) + 7) % 7) || 7), used: 2 };
  }
  if (word === 'in' && i + 2 < words.length) {
    const count = Number(words[i + 1]);
    const unit = words[i + 2]!.toLowerCase().replace(/s$/, '');
    if (Number.isInteger(count) && count > 0 && count <= 3650 && (unit === 'day' || unit === 'week')) {
      return { day: addDays(today, unit === 'day' ? count : count * 7), used: 3 };
    }
  }
  return undefined;
}

function findMember(name: string, members: readonly Member[]): Member | undefined {
  const wanted = name.toLowerCase();
  const matches = members.filter((m) => {
    const first = m.display_name.toLowerCase().split(/\s+/)[0] ?? '';
    const local = m.email.toLowerCase().split('@')[0] ?? '';
    return first === wanted || local === wanted || m.display_name.toLowerCase().replace(/\s+/g, '') === wanted;
  });
  // An ambiguous name assigns nobody rather than the wrong person.
  return matches.length === 1 ? matches[0] : undefined;
}

/** The due phrases in `words`, by the index of their first word. */
function duePhrases(words: readonly string[], today: string) {
  const found: { at: number; day: string; used: number }[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const due = dueAt(words, i, today);
    if (due) {
      found.push({ at: i, ...due });
      i += due.used - 1;
    }
  }
  return found;
}

export function parseQuickAdd(line: string, today: string, members: readonly Member[] = []): QuickTask {
  const words = line.trim().split(/\s+/).filter(Boolean);
  // The last due phrase is the due date; earlier ones ("prepare for friday") stay in the title.
  const due = duePhrases(words, today).at(-1);
  const kept: string[] = [];
  const task: QuickTask = { title: '', tags: [] };
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    if (due && i === due.at) {
      task.due_date = due.day;
      i += due.used - 1;
      continue;
    }
    const priority = PRIORITY_WORDS[word.toLowerCase()];
    if (priority) {
      task.priority = priority;
      continue;
    }
    if (/^#[^\s#]{1,50}$/u.test(word)) {
      const tag = word.slice(1);
      if (!task.tags.some((t) => t.toLowerCase() === tag.toLowerCase())) task.tags.push(tag);
      continue;
    }
    const member = word.length > 1 && word.startsWith('@') ? findMember(word.slice(1), members) : undefined;
    if (member) {
      task.assignee = { user_id: member.user_id, display_name: member.display_name };
      continue;
    }
    kept.push(word);
  }
  task.title = kept.join(' ');
  return task;
}
