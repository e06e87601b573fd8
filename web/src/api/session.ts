// Signing in and out in cookie mode. Sign-in answers either start the session (cookies
// plus the CSRF token in the body) or ask for a second factor first.
import { request } from './client';
import { forgetCsrfToken, storeCsrfToken } from './csrf';
import { ProblemError } from './problem';
import type { LoginRequest, LoginResponse, MfaChallenge, MfaLoginRequest, WebauthnOptions } from './types';

export type SignInResult = { kind: 'signed-in' } | { kind: 'second-factor'; challenge: MfaChallenge };

export type SecondFactor = Omit<MfaLoginRequest, 'mfa_token'>;

function settle(answer: LoginResponse): SignInResult {
  if ('mfa_required' in answer) return { kind: 'second-factor', challenge: answer };
  if ('csrf_token' in answer) {
    storeCsrfToken(answer.csrf_token);
    return { kind: 'signed-in' };
  }
  throw new Error('The server answered a cookie sign-in with bearer tokens.');
}

export async function signIn(credentials: Pick<LoginRequest, 'email' | 'password'>): Promise<SignInResult> {
  const body: LoginRequest = { ...credentials, session: 'cookie' };
  return settle(await request<LoginResponse>('/api/v1/auth/login', { method: 'POST', body, anonymous: true }));
}

/** The second step; the session mode (cookies) is the one the password step asked for. */
export async function finishSignIn(mfaToken: string, factor: SecondFactor): Promise<SignInResult> {
  const body: MfaLoginRequest = { mfa_token: mfaToken, ...factor };
  return settle(await request<LoginResponse>('/api/v1/auth/mfa', { method: 'POST', body, anonymous: true }));
}

export function startPasskeySignIn(mfaToken: string): Promise<WebauthnOptions> {
  return request<WebauthnOptions>('/api/v1/auth/mfa/webauthn', {
    method: 'POST',
    body: { mfa_token: mfaToken },
    anonymous: true,
  });
}

/** Ends the session on the server; a session that had already ended counts as signed out. */
export async function signOut(): Promise<void> {
  try {
    await request<void>('/api/v1/auth/logout', { method: 'POST', redirectToSignIn: false });
  } catch (error) {
    if (!(error instanceof ProblemError && error.status === 401)) throw error;
  }
  forgetCsrfToken();
}
