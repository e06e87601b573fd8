// Passkeys in a headless browser: Chromium's virtual authenticator (over CDP) stands in for
// the platform authenticator and approves every request with user verification.

/**
 * Gives `page` a platform authenticator that holds resident keys and verifies the user.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ credentials: () => Promise<unknown[]> }>}
 */
export async function addVirtualAuthenticator(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
  };
}

/**
 * Registers a passkey for the user `api` acts as: the server's options go to
 * `navigator.credentials.create()` in `page` (which must be on the Dayline site, the relying
 * party), as a settings screen would do, and the authenticator's answer back to the server.
 * @param {import('playwright-core').Page} page
 * @param {import('./api.mjs').Api} api
 */
export async function registerPasskey(page, api, name) {
  const { ceremony_id: ceremonyId, options } = await api.startPasskeyRegistration(name);
  const credential = await page.evaluate(async (options) => {
    // webauthn-rs sends bytes as base64url strings and reads the answer back the same way.
    const bytes = (text) => {
      const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
      return Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
    };
    const text = (buffer) =>
      btoa(String.fromCharCode(...new Uint8Array(buffer)))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
    const { publicKey } = options;
    const created = /** @type {PublicKeyCredential} */ (
      await navigator.credentials.create({
        publicKey: {
          ...publicKey,
          challenge: bytes(publicKey.challenge),
          user: { ...publicKey.user, id: bytes(publicKey.user.id) },
          excludeCredentials: (publicKey.excludeCredentials ?? []).map((c) => ({ ...c, id: bytes(c.id) })),
        },
      })
    );
    const response = /** @type {AuthenticatorAttestationResponse} */ (created.response);
    return {
      id: created.id,
      rawId: text(created.rawId),
      type: created.type,
      response: {
        attestationObject: text(response.attestationObject),
        clientDataJSON: text(response.clientDataJSON),
        transports: response.getTransports(),
      },
      extensions: created.getClientExtensionResults(),
    };
  }, options);
  return api.finishPasskeyRegistration(ceremonyId, credential);
}
