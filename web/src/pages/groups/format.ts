const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const instant = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDay(iso: string): string {
  return day.format(new Date(iso));
}

export function formatInstant(iso: string): string {
  return instant.format(new Date(iso));
}
