// A stand-in for the browser's WebAuthn API in tests (happy-dom has none): records the
// options each ceremony received and answers with fixed bytes.
import { vi } from 'vitest';

const bytes = (...values: number[]) => Uint8Array.from(values).buffer;

export class FakePublicKeyCredential {
  readonly id = 'Y3JlZC0x';
  readonly rawId = bytes(1, 2, 3);
  readonly type = 'public-key';
  readonly response: object;
  constructor(response: object) {
    this.response = response;
  }
  getClientExtensionResults() {
    return { credProps: { rk: true } };
  }
}

export function fakeAuthenticator() {
  const create = vi.fn(
    async (_options: CredentialCreationOptions) =>
      new FakePublicKeyCredential({
        attestationObject: bytes(4, 5),
        clientDataJSON: bytes(6),
        getTransports: () => ['internal', 'smart-card'],
      }),
  );
  const get = vi.fn(
    async (_options: CredentialRequestOptions) =>
      new FakePublicKeyCredential({
        authenticatorData: bytes(7),
        clientDataJSON: bytes(8),
        signature: bytes(9),
        userHandle: null,
      }),
  );
  vi.stubGlobal('PublicKeyCredential', FakePublicKeyCredential);
  Object.defineProperty(navigator, 'credentials', { value: { create, get }, configurable: true });
  return { create, get };
}

export function removeFakeAuthenticator() {
  Object.defineProperty(navigator, 'credentials', { value: null, configurable: true });
}

export const asBytes = (buffer: BufferSource | undefined) => Array.from(new Uint8Array(buffer as ArrayBuffer));
