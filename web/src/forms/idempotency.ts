// One Idempotency-Key per distinct submission: resending the same body (after a lost answer
// or a double click) reuses the key so the server creates one thing; a changed body needs a
// new key, since the server refuses a key reused with another body.

function randomKey(): string {
  // getRandomValues, unlike randomUUID, also exists outside secure contexts.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface IdempotencyKeys {
  /** The key for this body: the previous one if the body is unchanged. */
  keyFor(body: unknown): string;
  /** Forget the last body once it was created, so an identical next one is new. */
  settle(): void;
}

export function idempotencyKeys(): IdempotencyKeys {
  let last: { body: string; key: string } | null = null;
  return {
    keyFor(body) {
      const text = JSON.stringify(body);
      if (last?.body !== text) last = { body: text, key: randomKey() };
      return last.key;
    },
    settle() {
      last = null;
    },
  };
}
