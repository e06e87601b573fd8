// IANA time zones for pickers, and the viewer's own.

let known: readonly string[] | undefined;

/** Every zone this browser knows, plus UTC, which some engines leave out of the list. */
export function timeZones(): readonly string[] {
  known ??= [...new Set(['UTC', ...(Intl.supportedValuesOf?.('timeZone') ?? [])])].sort();
  return known;
}

export function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * The zones to offer someone whose zone is `current`: the browser's, and `current` and
 * the device's own, which must stay valid even where the browser does not list them.
 */
export function timeZoneChoices(current: string): string[] {
  return [...new Set([...timeZones(), current, viewerZone()].filter(Boolean))].sort((a, b) => a.localeCompare(b));
}

/** "new york" finds America/New_York: people type spaces where zone names have underscores. */
export function matchesZone(zone: string, query: string): boolean {
  const wanted = query.trim().toLowerCase().replace(/\s+/g, '_');
  return zone.toLowerCase().includes(wanted);
}

const offsets = new Map<string, string>();

/** The zone's offset from UTC now ("GMT+1"), remembered: a picker asks for hundreds. */
export function zoneOffset(zone: string): string {
  let offset = offsets.get(zone);
  if (offset === undefined) {
    try {
      const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(new Date());
      offset = parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
    } catch {
      offset = '';
    }
    offsets.set(zone, offset);
  }
  return offset;
}
