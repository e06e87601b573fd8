// Passkey sign-in glue: the server (webauthn-rs) sends request options as JSON with
// base64url strings where the browser wants bytes, and reads the assertion back in the same
// JSON form.
import { z } from 'zod';

export function passkeysSupported(): boolean {
  return typeof window.PublicKeyCredential === 'function' && typeof navigator.credentials?.get === 'function';
}

export function fromBase64Url(text: string): ArrayBuffer {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0)).buffer;
}

export function toBase64Url(bytes: ArrayBuffer): string {
  const binary = String.fromCharCode(...new Uint8Array(bytes));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const requestOptionsJson = z.object({
  publicKey: z.object({
    challenge: z.string(),
    timeout: z.number().nullish(),
    rpId: z.string(),
    allowCredentials: z.array(
      z.object({
        type: z.literal('public-key'),
        id: z.string(),
        transports: z.array(z.string()).nullish(),
      }),
    ),
    userVerification: z.enum(['required', 'preferred', 'discouraged']).nullish(),
  }),
});

export function requestOptionsFromJson(json: unknown): CredentialRequestOptions {
  const { publicKey } = requestOptionsJson.parse(json);
  return {
    publicKey: {
      challenge: fromBase64Url(publicKey.challenge),
      rpId: publicKey.rpId,
      allowCredentials: publicKey.allowCredentials.map((credential) => ({
        type: credential.type,
        id: fromBase64Url(credential.id),
        ...(credential.transports && { transports: credential.transports as AuthenticatorTransport[] }),
      })),
      ...(publicKey.timeout != null && { timeout: publicKey.timeout }),
      ...(publicKey.userVerification != null && { userVerification: publicKey.userVerification }),
    },
  };
}

/** The assertion as webauthn-rs's `PublicKeyCredential` reads it. */
function assertionToJson(credential: PublicKeyCredential) {
  const response = credential.response as AuthenticatorAssertionResponse;
  return {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: credential.type,
    response: {
      authenticatorData: toBase64Url(response.authenticatorData),
      clientDataJSON: toBase64Url(response.clientDataJSON),
      signature: toBase64Url(response.signature),
      userHandle: response.userHandle ? toBase64Url(response.userHandle) : null,
    },
    extensions: credential.getClientExtensionResults(),
  };
}

/** Asks the browser for a passkey assertion; rejects if the person cancels or it times out. */
export async function getPasskeyAssertion(options: unknown) {
  const credential = await navigator.credentials.get(requestOptionsFromJson(options));
  if (!(credential instanceof PublicKeyCredential)) {
    throw new Error('The browser did not return a passkey.');
  }
  return assertionToJson(credential);
}
