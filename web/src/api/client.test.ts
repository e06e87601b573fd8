import { beforeEach, describe, expect, it, vi } from 'vitest';

import { fakeApi, json, problem } from '../test/fetch';
import { onSessionLost, request } from './client';
import { forgetCsrfToken, readCsrfToken, storeCsrfToken } from './csrf';
import { ProblemError } from './problem';

const renewed = () => json(200, { token_type: 'cookie', expires_in: 900, csrf_token: 'csrf-2' });

let redirect: ReturnType<typeof vi.fn<(next: string) => void>>;

beforeEach(() => {
  redirect = vi.fn<(next: string) => void>();
  onSessionLost(redirect);
  storeCsrfToken('csrf-1');
});

describe('CSRF double submit', () => {
  it('sends the token on every unsafe method and never on GET', async () => {
    const api = fakeApi({
      'GET /api/v1/tasks': json(200, { items: [] }),
      'POST /api/v1/tasks': json(201, {}),
      'PUT /api/v1/tasks/1/position': json(200, {}),
      'PATCH /api/v1/tasks/1': json(200, {}),
      'DELETE /api/v1/me/sessions': new Response(null, { status: 204 }),
    });
    await request('/api/v1/tasks');
    await request('/api/v1/tasks', { method: 'POST', body: { title: 'x' } });
    await request('/api/v1/tasks/1/position', { method: 'PUT', body: {} });
    await request('/api/v1/tasks/1', { method: 'PATCH', body: {} });
    await request('/api/v1/me/sessions', { method: 'DELETE' });

    const tokens = api.calls.map((c) => [c.method, c.headers.get('X-CSRF-Token')]);
    expect(tokens).toEqual([
      ['GET', null],
      ['POST', 'csrf-1'],
      ['PUT', 'csrf-1'],
      ['PATCH', 'csrf-1'],
      ['DELETE', 'csrf-1'],
    ]);
  });

  it('sends JSON bodies as JSON and leaves out undefined query values', async () => {
    const api = fakeApi({ 'POST /api/v1/tasks': json(201, { id: 't1' }) });
    const task = await request('/api/v1/tasks', {
      method: 'POST',
      body: { title: 'Ship it' },
      query: { a: 'b', skipped: undefined, n: 2 },
    });
    expect(task).toEqual({ id: 't1' });
    const [call] = api.calls;
    expect(call?.headers.get('Content-Type')).toBe('application/json');
    expect(call?.body).toEqual({ title: 'Ship it' });
    expect(call?.search.toString()).toBe('a=b&n=2');
  });
});

describe('an expired session', () => {
  it('is renewed once with the CSRF token, then the request is retried', async () => {
    const api = fakeApi({
      'GET /api/v1/me': [problem(401, 'Unauthorized'), json(200, { id: 'u1' })],
      'POST /api/v1/auth/refresh': renewed(),
    });

    await expect(request('/api/v1/me')).resolves.toEqual({ id: 'u1' });

    const [refresh] = api.callsTo('POST /api/v1/auth/refresh');
    expect(refresh?.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(refresh?.body).toBeUndefined();
    expect(api.callsTo('GET /api/v1/me')).toHaveLength(2);
    expect(readCsrfToken()).toBe('csrf-2');
    expect(redirect).not.toHaveBeenCalled();
  });

  it('is renewed once for several requests that fail together', async () => {
    const api = fakeApi({
      'GET /api/v1/me': [problem(401, 'Unauthorized'), json(200, {})],
      'GET /api/v1/groups': [problem(401, 'Unauthorized'), json(200, { items: [] })],
      'POST /api/v1/auth/refresh': renewed(),
    });

    await Promise.all([request('/api/v1/me'), request('/api/v1/groups')]);

    expect(api.callsTo('POST /api/v1/auth/refresh')).toHaveLength(1);
  });

  it('sends the user to sign in, with the way back, when the refresh fails', async () => {
    window.history.pushState({}, '', '/tasks?status=todo');
    fakeApi({
      'GET /api/v1/tasks': problem(401, 'Unauthorized'),
      'POST /api/v1/auth/refresh': problem(401, 'Unauthorized'),
    });

    await expect(request('/api/v1/tasks')).rejects.toMatchObject({ status: 401 });

    expect(redirect).toHaveBeenCalledWith('/tasks?status=todo');
    expect(readCsrfToken()).toBeNull();
  });

  it('is kept when the server asks for a second factor first (step-up)', async () => {
    const api = fakeApi({
      'DELETE /api/v1/groups/g1': problem(401, 'Unauthorized', { type: '/problems/step-up-required' }),
      'POST /api/v1/auth/refresh': renewed(),
    });

    await expect(request('/api/v1/groups/g1', { method: 'DELETE' })).rejects.toMatchObject({ status: 401, type: '/problems/step-up-required' });

    expect(api.callsTo('POST /api/v1/auth/refresh')).toHaveLength(0);
    expect(redirect).not.toHaveBeenCalled();
    expect(readCsrfToken()).toBe('csrf-1');
  });

  it('leaves the user on the sign-in page with the way back they already have', async () => {
    window.history.pushState({}, '', '/login?next=%2Fgroups');
    fakeApi({
      'GET /api/v1/groups': problem(401, 'Unauthorized'),
      'POST /api/v1/auth/refresh': problem(401, 'Unauthorized'),
    });

    await expect(request('/api/v1/groups')).rejects.toMatchObject({ status: 401 });

    expect(redirect).not.toHaveBeenCalled();
    window.history.pushState({}, '', '/');
  });

  it('is not refreshed without a CSRF token, which the server would refuse', async () => {
    forgetCsrfToken();
    const api = fakeApi({ 'GET /api/v1/me': problem(401, 'Unauthorized') });

    await expect(request('/api/v1/me')).rejects.toBeInstanceOf(ProblemError);

    expect(api.callsTo('POST /api/v1/auth/refresh')).toHaveLength(0);
    expect(redirect).toHaveBeenCalledOnce();
  });

  it('can be left to the caller', async () => {
    fakeApi({
      'POST /api/v1/auth/logout': problem(401, 'Unauthorized'),
      'POST /api/v1/auth/refresh': problem(401, 'Unauthorized'),
    });
    await expect(request('/api/v1/auth/logout', { method: 'POST', redirectToSignIn: false })).rejects.toMatchObject({
      status: 401,
    });
    expect(redirect).not.toHaveBeenCalled();
  });
});

describe('sign-in steps', () => {
  it('report a 401 as wrong credentials: no refresh, no redirect', async () => {
    const api = fakeApi({ 'POST /api/v1/auth/login': problem(401, 'Unauthorized', { detail: 'Invalid credentials.' }) });

    await expect(
      request('/api/v1/auth/login', { method: 'POST', body: {}, anonymous: true }),
    ).rejects.toMatchObject({ status: 401, detail: 'Invalid credentials.' });

    expect(api.callsTo('POST /api/v1/auth/refresh')).toHaveLength(0);
    expect(redirect).not.toHaveBeenCalled();
  });
});
