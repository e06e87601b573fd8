import { describe, expect, it } from 'vitest';

import { shiftTime, timeForViewer } from './zoned-time';
import { matchesZone } from '../../time/zones';

const WINTER = new Date('2026-01-15T12:00:00Z');
const SUMMER = new Date('2026-07-15T12:00:00Z');

describe('shiftTime', () => {
  it('follows daylight saving on the day asked about', () => {
    expect(shiftTime('09:00', 'Europe/Berlin', 'UTC', WINTER)).toEqual({ time: '08:00', dayShift: 0 });
    expect(shiftTime('09:00', 'Europe/Berlin', 'UTC', SUMMER)).toEqual({ time: '07:00', dayShift: 0 });
    expect(shiftTime('09:00', 'Europe/Berlin', 'America/New_York', WINTER)).toEqual({ time: '03:00', dayShift: 0 });
  });

  it('says when the other clock is on another day', () => {
    expect(shiftTime('01:00', 'Europe/Berlin', 'America/Los_Angeles', WINTER)).toEqual({ time: '16:00', dayShift: -1 });
    expect(shiftTime('23:00', 'America/New_York', 'Europe/Berlin', WINTER)).toEqual({ time: '05:00', dayShift: 1 });
  });

  it('keeps offsets that are not whole hours', () => {
    expect(shiftTime('09:00', 'Asia/Kathmandu', 'UTC', WINTER)).toEqual({ time: '03:15', dayShift: 0 });
  });
});

describe('timeForViewer', () => {
  it('reads the time on both clocks, and says nothing when they are the same zone', () => {
    expect(timeForViewer('09:00', 'Europe/Berlin', 'Europe/London', WINTER)).toBe('09:00 in Europe/Berlin — 08:00 your time');
    expect(timeForViewer('01:00', 'Europe/Berlin', 'America/Los_Angeles', WINTER)).toBe(
      '01:00 in Europe/Berlin — 16:00 your time (the day before)',
    );
    expect(timeForViewer('09:00', 'Europe/Berlin', 'Europe/Berlin', WINTER)).toBeUndefined();
    expect(timeForViewer('9', 'Europe/Berlin', 'UTC', WINTER)).toBeUndefined();
  });
});

describe('matchesZone', () => {
  it('finds zones by any part of the name, spaces standing for underscores', () => {
    expect(matchesZone('America/New_York', 'new york')).toBe(true);
    expect(matchesZone('Europe/Berlin', 'BERL')).toBe(true);
    expect(matchesZone('Europe/Berlin', 'paris')).toBe(false);
  });
});
