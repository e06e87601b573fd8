// The HTTP API, for the steps the web app has no screen for yet and for arranging a
// journey's starting point. Each method is one endpoint, named for what a user would do,
// so a journey can swap a call for the UI step once that screen exists.
//
// Two ways to call it:
//   - `Api.inPage(page)` acts as the person signed in in that browser tab: the request runs
//     in the page with its session cookies and the CSRF token the web app stored, exactly
//     as the app's own client sends it;
//   - `Api.signIn(baseUrl, …)` / `Api.anonymous(baseUrl)` call from the test process with a
//     bearer token, to set things up before any browser is involved.

export class ApiError extends Error {
  constructor(method, path, status, body) {
    super(`${method} ${path} answered ${status}: ${JSON.stringify(body)}`);
    this.status = status;
    this.body = body;
  }
}

/** @typedef {(method: string, path: string, body?: unknown) => Promise<{ status: number, body: any }>} Send */

export class Api {
  /** @param {Send} send */
  constructor(send) {
    this.send = send;
  }

  /** As the user signed in in `page` (which must be on the Dayline site). */
  static inPage(page) {
    return new Api((method, path, body) =>
      page.evaluate(
        async ({ method, path, body }) => {
          /** @type {Record<string, string>} */
          const headers = { Accept: 'application/json' };
          if (body !== undefined) headers['Content-Type'] = 'application/json';
          // Where the web app keeps the session's CSRF token (src/api/csrf.ts).
          const csrf = window.localStorage.getItem('dayline.csrf');
          if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
          const response = await fetch(path, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            credentials: 'same-origin',
          });
          const text = await response.text();
          return { status: response.status, body: text ? JSON.parse(text) : undefined };
        },
        { method, path, body },
      ),
    );
  }

  static anonymous(baseUrl) {
    return Api.#fromNode(baseUrl, undefined);
  }

  /** Signs in with a password and, when asked for one, the next code of `authenticator`. */
  static async signIn(baseUrl, { email, password, authenticator }) {
    const anonymous = Api.anonymous(baseUrl);
    let answer = await anonymous.call('POST', '/api/v1/auth/login', { email, password }, 200);
    if (answer.mfa_required) {
      if (!authenticator) throw new Error(`${email} needs a second factor to sign in`);
      answer = await anonymous.call(
        'POST',
        '/api/v1/auth/mfa',
        { mfa_token: answer.mfa_token, code: await authenticator.nextCode() },
        200,
      );
    }
    return Api.#fromNode(baseUrl, answer.access_token);
  }

  static #fromNode(baseUrl, accessToken) {
    return new Api(async (method, path, body) => {
      /** @type {Record<string, string>} */
      const headers = { Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
      const response = await fetch(new URL(path, baseUrl), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    });
  }

  /** Sends a request and returns its body, or throws unless the status is `expected`. */
  async call(method, path, body, expected) {
    const { status, body: answer } = await this.send(method, path, body);
    if (status !== expected) throw new ApiError(method, path, status, answer);
    return answer;
  }

  // --- first run and account ---------------------------------------------------------------
  completeSetup({ token, email, displayName, password }) {
    return this.call('POST', '/api/v1/setup', { token, email, display_name: displayName, password }, 201);
  }

  listSessions() {
    return this.call('GET', '/api/v1/me/sessions', undefined, 200);
  }

  /** "Sign out everywhere": ends every session of the user, this one included. */
  endAllSessions() {
    return this.call('DELETE', '/api/v1/me/sessions', undefined, 204);
  }

  // --- second factors ----------------------------------------------------------------------
  /** Starts authenticator-app enrolment: `{ secret, otpauth_uri }`. */
  startTotp() {
    return this.call('POST', '/api/v1/me/mfa/totp', undefined, 200);
  }

  /** Puts the authenticator in force; answers the backup codes. */
  confirmTotp(code) {
    return this.call('POST', '/api/v1/me/mfa/totp/confirm', { code }, 200);
  }

  /** `{ ceremony_id, options }` for `navigator.credentials.create()`. */
  startPasskeyRegistration(name) {
    return this.call('POST', '/api/v1/me/passkeys/registration', { name }, 200);
  }

  finishPasskeyRegistration(ceremonyId, credential) {
    return this.call('POST', '/api/v1/me/passkeys', { ceremony_id: ceremonyId, credential }, 201);
  }

  listPasskeys() {
    return this.call('GET', '/api/v1/me/passkeys', undefined, 200);
  }

  // --- groups and tasks --------------------------------------------------------------------
  createGroup({ name, description }) {
    return this.call('POST', '/api/v1/groups', { name, description }, 201);
  }

  invite(groupId, { email, role = 'member' }) {
    return this.call('POST', `/api/v1/groups/${groupId}/invitations`, { email, role }, 201);
  }

  listMembers(groupId) {
    return this.call('GET', `/api/v1/groups/${groupId}/members`, undefined, 200);
  }

  createTask(task) {
    return this.call('POST', '/api/v1/tasks', task, 201);
  }
}
