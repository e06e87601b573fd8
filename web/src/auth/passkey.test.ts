import { describe, expect, it } from 'vitest';

import { fromBase64Url, requestOptionsFromJson, toBase64Url } from './passkey';

const bytes = (buffer: BufferSource) => Array.from(new Uint8Array(buffer as ArrayBuffer));

describe('base64url', () => {
  it('round-trips every byte value, unpadded', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i).buffer;
    const text = toBase64Url(all);
    expect(text).not.toMatch(/[+/=]/);
    expect(bytes(fromBase64Url(text))).toEqual(bytes(all));
  });
});

describe('requestOptionsFromJson', () => {
  it('turns webauthn-rs options into what navigator.credentials.get() takes', () => {
    const options = requestOptionsFromJson({
      publicKey: {
        challenge: 'AQID',
        timeout: 60000,
        rpId: 'dayline.example',
        allowCredentials: [{ type: 'public-key', id: 'BAUG', transports: ['internal'] }],
        userVerification: 'preferred',
        extensions: null,
      },
    });
    const publicKey = options.publicKey!;
    expect(bytes(publicKey.challenge)).toEqual([1, 2, 3]);
    expect(publicKey.rpId).toBe('dayline.example');
    expect(publicKey.timeout).toBe(60000);
    expect(publicKey.userVerification).toBe('preferred');
    expect(publicKey.allowCredentials?.map((c) => [c.type, bytes(c.id), c.transports])).toEqual([
      ['public-key', [4, 5, 6], ['internal']],
    ]);
    expect(publicKey).not.toHaveProperty('extensions');
  });

  it('refuses options it does not understand', () => {
    expect(() => requestOptionsFromJson({ publicKey: { challenge: 1 } })).toThrow();
  });
});
