// The one way the web app talks to the API, in the browser's cookie mode: the session lives
// in HttpOnly `__Host-` cookies, unsafe methods carry the session's CSRF token, an expired
// access cookie is renewed once with the refresh cookie, and a lost session sends the user
// to the sign-in page with the way back.
import { CSRF_HEADER, forgetCsrfToken, readCsrfToken, storeCsrfToken } from './csrf';
import { problemFrom } from './problem';
import type { CookieSession } from './types';
import { signInPath } from '../auth/next';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type QueryValue = string | number | boolean | undefined;

export interface RequestOptions {
  method?: Method;
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** A sign-in step: there a 401 means wrong credentials, so no refresh and no redirect. */
  anonymous?: boolean;
  /** False when the caller deals with a lost session itself (signing out). */
  redirectToSignIn?: boolean;
}

const REFRESH_PATH = '/api/v1/auth/refresh';
const SIGN_IN_PATH = '/login';

let redirectToSignIn = (next: string): void => window.location.assign(signInPath(next));

/** Lets the router take over the redirect, so it is a navigation rather than a page load. */
export function onSessionLost(redirect: (next: string) => void): void {
  redirectToSignIn = redirect;
}

function url(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers = new Headers({ Accept: 'application/json', ...options.headers });
  const csrf = readCsrfToken();
  // GET is the only safe method this client sends; the server checks the token on the rest.
  if (method !== 'GET' && csrf) headers.set(CSRF_HEADER, csrf);
  let body: string | undefined;
  if (options.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.body);
  }
  return fetch(url(path, options.query), {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: options.signal,
  });
}

async function renewSession(): Promise<boolean> {
  const csrf = readCsrfToken();
  // The server refuses a cookie refresh without the token: no point asking.
  if (!csrf) return false;
  const response = await fetch(REFRESH_PATH, {
    method: 'POST',
    headers: { Accept: 'application/json', [CSRF_HEADER]: csrf },
    credentials: 'same-origin',
  });
  if (!response.ok) return false;
  const session = (await response.json()) as CookieSession;
  storeCsrfToken(session.csrf_token);
  return true;
}

// Requests that fail together share one refresh: the refresh token is single use, and a
// second spend inside the server's grace window would only return the same pair.
let pendingRefresh: Promise<boolean> | null = null;

function refreshSession(): Promise<boolean> {
  pendingRefresh ??= renewSession().finally(() => {
    pendingRefresh = null;
  });
  return pendingRefresh;
}

function currentLocation(): string {
  const { pathname, search, hash } = window.location;
  return `${pathname}${search}${hash}`;
}

async function isStepUpRefusal(response: Response): Promise<boolean> {
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => undefined);
  const type = (body as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' && type.endsWith('/step-up-required');
}

/** Sends a request and returns the parsed JSON body (undefined for 204); throws ProblemError. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(path, options);
  // A step-up refusal is a 401 too, but the session is fine: the page asks for a second
  // factor and retries. Renewing or signing out would lose the user's place for nothing.
  if (response.status === 401 && (await isStepUpRefusal(response))) throw await problemFrom(response);
  if (response.status === 401 && !options.anonymous) {
    if (await refreshSession()) response = await send(path, options);
    if (response.status === 401) {
      forgetCsrfToken();
      // A request that began before an earlier one sent the user to sign in, and fails after
      // it, finds them there already: sending them again would replace the way back with
      // the sign-in page itself.
      const onSignIn = window.location.pathname === SIGN_IN_PATH;
      if (options.redirectToSignIn !== false && !onSignIn) redirectToSignIn(currentLocation());
    }
  }
  if (!response.ok) throw await problemFrom(response);
  // 204, and a 202 that only acknowledges, have no body.
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
