import { describe, expect, it } from 'vitest';

import { safeNext, signInPath } from './next';

describe('signInPath', () => {
  it('carries the way back, encoded', () => {
    expect(signInPath('/tasks?status=todo,done')).toBe('/login?next=%2Ftasks%3Fstatus%3Dtodo%2Cdone');
    expect(signInPath('/')).toBe('/login');
  });
});

describe('safeNext', () => {
  it('follows paths on this site', () => {
    expect(safeNext('/tasks?status=todo#top')).toBe('/tasks?status=todo#top');
  });

  it.each([
    ['missing', null],
    ['another origin', 'https://evil.example/'],
    ['protocol-relative', '//evil.example/x'],
    ['backslash', '/\\evil.example/x'],
    ['tab trick', '/\t/evil.example/x'],
    ['script', 'javascript:alert(1)'],
    ['relative', 'tasks'],
    ['the sign-in page itself', '/login?next=/tasks'],
  ])('refuses %s', (_, raw) => {
    expect(safeNext(raw)).toBe('/');
  });
});
