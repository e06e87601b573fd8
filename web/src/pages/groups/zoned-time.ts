// A group's local clock time as the viewer's clock shows it, on a given day: offsets differ
// by date (daylight saving), so the answer is for that day.

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function wallClock(instant: Date, zone: string): Wall {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
}

function asUtc(wall: Wall): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
}

function offsetMs(instant: number, zone: string): number {
  return asUtc(wallClock(new Date(instant), zone)) - Math.floor(instant / 60_000) * 60_000;
}

/** The instant when `zone`'s clocks show `wall`; a second pass settles days that change offset. */
function instantOf(wall: Wall, zone: string): number {
  const naive = asUtc(wall);
  const first = naive - offsetMs(naive, zone);
  return naive - offsetMs(first, zone);
}

export interface ShiftedTime {
  /** `HH:MM` on the other clock. */
  time: string;
  /** -1 when that is the day before on the other clock, 1 the day after. */
  dayShift: -1 | 0 | 1;
}

/** `time` (`HH:MM`) in `fromZone` on the day `now` falls on there, read in `toZone`. */
export function shiftTime(time: string, fromZone: string, toZone: string, now: Date = new Date()): ShiftedTime {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const today = wallClock(now, fromZone);
  const there = wallClock(new Date(instantOf({ ...today, hour, minute }, fromZone)), toZone);
  const days = Math.round((Date.UTC(there.year, there.month - 1, there.day) - Date.UTC(today.year, today.month - 1, today.day)) / 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { time: `${pad(there.hour)}:${pad(there.minute)}`, dayShift: days < 0 ? -1 : days > 0 ? 1 : 0 };
}

/** "09:00 in Europe/Berlin — 08:00 your time", or nothing when the viewer shares the zone. */
export function timeForViewer(time: string, groupZone: string, viewer: string, now?: Date): string | undefined {
  if (!/^\d{2}:\d{2}$/.test(time) || groupZone === viewer) return undefined;
  try {
    const shifted = shiftTime(time, groupZone, viewer, now);
    const day = shifted.dayShift < 0 ? ' (the day before)' : shifted.dayShift > 0 ? ' (the next day)' : '';
    return `${time} in ${groupZone} — ${shifted.time} your time${day}`;
  } catch {
    // A zone this browser does not know: the plain time is still right.
    return undefined;
  }
}
