const instantFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const preciseFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** An instant in the reader's local time. */
export function formatInstant(iso: string): string {
  return instantFormat.format(new Date(iso));
}

/** To the second: audit entries a few seconds apart must still read apart. */
export function formatPreciseInstant(iso: string): string {
  return preciseFormat.format(new Date(iso));
}
