import { describe, expect, it } from 'vitest';

import { backupCodeSchema, passwordStepSchema, totpSchema } from './sign-in-schemas';

describe('passwordStepSchema', () => {
  it('trims the address, as the server does', () => {
    expect(passwordStepSchema.parse({ email: '  ana@example.com ', password: 'x' })).toEqual({
      email: 'ana@example.com',
      password: 'x',
    });
  });

  it.each(['', 'ana', '@example.com', 'ana@example', 'ana@.example.com', 'ana@example.com.', 'a na@example.com', 'a@b@c.d'])(
    'refuses %j',
    (email) => {
      expect(passwordStepSchema.safeParse({ email, password: 'x' }).success).toBe(false);
    },
  );

  it('needs a password but does not judge it', () => {
    expect(passwordStepSchema.safeParse({ email: 'ana@example.com', password: '' }).success).toBe(false);
    expect(passwordStepSchema.safeParse({ email: 'ana@example.com', password: 'short' }).success).toBe(true);
  });
});

describe('totpSchema', () => {
  it('takes six digits, spaces ignored', () => {
    expect(totpSchema.parse({ code: ' 123 456 ' })).toEqual({ code: '123456' });
    expect(totpSchema.safeParse({ code: '12345' }).success).toBe(false);
    expect(totpSchema.safeParse({ code: '12345a' }).success).toBe(false);
  });
});

describe('backupCodeSchema', () => {
  it('reads a code however it was typed, like the server', () => {
    expect(backupCodeSchema.parse({ code: 'K3M9 X2PQ 7HVD A0WZ' })).toEqual({ code: 'k3m9-x2pq-7hvd-a0wz' });
    expect(backupCodeSchema.parse({ code: 'oooo-iiii-llll-0000' })).toEqual({ code: '0000-1111-1111-0000' });
  });

  it('refuses what cannot be a code', () => {
    expect(backupCodeSchema.safeParse({ code: 'short' }).success).toBe(false);
    expect(backupCodeSchema.safeParse({ code: 'uuuu-0000-0000-0000' }).success).toBe(false);
  });
});
