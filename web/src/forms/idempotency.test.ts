import { describe, expect, it } from 'vitest';

import { idempotencyKeys } from './idempotency';

describe('idempotencyKeys', () => {
  it('reuses the key while the same body is resent', () => {
    const keys = idempotencyKeys();
    const first = keys.keyFor({ title: 'A' });
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(keys.keyFor({ title: 'A' })).toBe(first);
  });

  it('makes a new key for a changed body, and after the last one was created', () => {
    const keys = idempotencyKeys();
    const first = keys.keyFor({ title: 'A' });
    const second = keys.keyFor({ title: 'B' });
    expect(second).not.toBe(first);
    keys.settle();
    expect(keys.keyFor({ title: 'B' })).not.toBe(second);
  });
});
