import type { Frequency, RecurrenceRule } from '../api/types';

export const FREQUENCY_LABELS: Readonly<Record<Frequency, string>> = {
  daily: 'Daily',
  weekly: 'Weekly',
  monthly: 'Monthly',
  yearly: 'Yearly',
};

const UNITS: Readonly<Record<Frequency, [string, string]>> = {
  daily: ['day', 'days'],
  weekly: ['week', 'weeks'],
  monthly: ['month', 'months'],
  yearly: ['year', 'years'],
};

/** "Every 2 weeks on mon, thu, from completion" — how a rule reads to people. */
export function describeRecurrence(rule: RecurrenceRule): string {
  const interval = rule.interval ?? 1;
  const [one, many] = UNITS[rule.freq];
  let text = interval === 1 ? `Every ${one}` : `Every ${interval} ${many}`;
  if (rule.weekdays?.length) text += ` on ${rule.weekdays.join(', ')}`;
  if (rule.month_day) text += ` on day ${rule.month_day}`;
  if (rule.from_completion) text += ', counted from completion';
  if (rule.until) text += `, until ${rule.until}`;
  return text;
}
