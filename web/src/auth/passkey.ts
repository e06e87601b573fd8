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

// Registration (settings): webauthn-rs sends creation options in the same JSON form, and
// reads the attestation back as base64url strings.

export function passkeyRegistrationSupported(): boolean {
  return typeof window.PublicKeyCredential === 'function' && typeof navigator.credentials?.create === 'function';
}

const descriptorJson = z.object({
  type: z.literal('public-key'),
  id: z.string(),
  transports: z.array(z.string()).nullish(),
});

// Only the members holding bytes are rewritten; the rest (rp, algorithms, authenticator
// selection, extensions…) goes to the browser as the server wrote it.
const creationOptionsJson = z.object({
  publicKey: z.looseObject({
    challenge: z.string(),
    rp: z.looseObject({ name: z.string() }),
    user: z.looseObject({ id: z.string(), name: z.string(), displayName: z.string() }),
    pubKeyCredParams: z.array(z.looseObject({ type: z.literal('public-key'), alg: z.number() })),
    excludeCredentials: z.array(descriptorJson).nullish(),
  }),
});

/** Serde writes absent options as `null`, which the browser's WebIDL rejects for lists. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, member]) => member !== null)
      .map(([key, member]) => [key, withoutNulls(member)]),
  );
}

export function creationOptionsFromJson(json: unknown): CredentialCreationOptions {
  const { publicKey } = creationOptionsJson.parse(withoutNulls(json));
  const { excludeCredentials, ...rest } = publicKey;
  return {
    publicKey: {
      ...(rest as unknown as PublicKeyCredentialCreationOptions),
      challenge: fromBase64Url(publicKey.challenge),
      user: { ...publicKey.user, id: fromBase64Url(publicKey.user.id) },
      ...(excludeCredentials && {
        excludeCredentials: excludeCredentials.map((credential) => ({
          type: credential.type,
          id: fromBase64Url(credential.id),
          ...(credential.transports && { transports: credential.transports as AuthenticatorTransport[] }),
        })),
      }),
    },
  };
}

// webauthn-rs refuses the whole answer over a transport name it does not know.
const KNOWN_TRANSPORTS = new Set(['usb', 'nfc', 'ble', 'internal', 'hybrid']);

/** The attestation as webauthn-rs's `RegisterPublicKeyCredential` reads it. */
function attestationToJson(credential: PublicKeyCredential) {
  const response = credential.response as AuthenticatorAttestationResponse;
  const transports = typeof response.getTransports === 'function' ? response.getTransports() : [];
  return {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: credential.type,
    response: {
      attestationObject: toBase64Url(response.attestationObject),
      clientDataJSON: toBase64Url(response.clientDataJSON),
      transports: transports.filter((transport) => KNOWN_TRANSPORTS.has(transport)),
    },
    extensions: credential.getClientExtensionResults(),
  };
}

/** Asks the browser to create a passkey; rejects if the person cancels or it times out. */
export async function createPasskeyCredential(options: unknown) {
  const credential = await navigator.credentials.create(creationOptionsFromJson(options));
  if (!(credential instanceof PublicKeyCredential)) {
    throw new Error('The browser did not create a passkey.');
  }
  return attestationToJson(credential);
}
