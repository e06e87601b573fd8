// Step-up: sensitive actions need a second factor proved by this session in the last five
// minutes. The server refuses them with a 401 of type `step-up-required` (which the API
// client passes through, leaving the session alone); the page answers by asking for a
// factor (`POST /api/v1/auth/step-up`) and retrying the action.
import { request } from './client';
import { ProblemError } from './problem';
import type { components } from './schema';
import type { WebauthnOptions } from './types';

type Schemas = components['schemas'];

export type StepUpRequest = Schemas['StepUpRequest'];

export function isStepUpRequired(error: unknown): error is ProblemError {
  return error instanceof ProblemError && error.status === 401 && error.type.endsWith('/step-up-required');
}

export function stepUp(body: StepUpRequest): Promise<void> {
  return request<void>('/api/v1/auth/step-up', { method: 'POST', body });
}

export function startStepUpPasskey(): Promise<WebauthnOptions> {
  return request<WebauthnOptions>('/api/v1/auth/step-up/webauthn', { method: 'POST' });
}
