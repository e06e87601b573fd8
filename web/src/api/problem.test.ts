import { describe, expect, it } from 'vitest';

import { problemFrom } from './problem';

describe('problemFrom', () => {
  it('reads a problem document with its field errors and request id', async () => {
    const body = {
      type: '/problems/validation',
      title: 'Unprocessable Entity',
      status: 422,
      detail: 'One or more fields are invalid.',
      request_id: '01J9Z',
      errors: [{ field: 'title', message: 'must not be empty' }],
    };
    const response = new Response(JSON.stringify(body), {
      status: 422,
      headers: { 'Content-Type': 'application/problem+json' },
    });

    const error = await problemFrom(response);

    expect(error).toMatchObject({
      status: 422,
      type: '/problems/validation',
      title: 'Unprocessable Entity',
      detail: 'One or more fields are invalid.',
      requestId: '01J9Z',
      fieldErrors: [{ field: 'title', message: 'must not be empty' }],
      message: 'One or more fields are invalid.',
    });
  });

  it('keeps extension members such as the current task of a 412', async () => {
    const body = { type: '/problems/stale-version', title: 'Precondition Failed', status: 412, current: { version: 4 } };
    const error = await problemFrom(new Response(JSON.stringify(body), { status: 412 }));
    expect(error.problem.current).toEqual({ version: 4 });
  });

  it('takes the request id from the header when the body has none', async () => {
    const body = { title: 'Not Found', status: 404 };
    const response = new Response(JSON.stringify(body), { status: 404, headers: { 'X-Request-Id': 'from-header' } });
    const error = await problemFrom(response);
    expect(error).toMatchObject({ type: 'about:blank', requestId: 'from-header', detail: undefined });
  });

  it('still gives the status when something in between answered with HTML', async () => {
    const response = new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' });
    const error = await problemFrom(response);
    expect(error).toMatchObject({ status: 502, title: 'Bad Gateway', fieldErrors: [] });
  });

  it('does not trust a body that only looks like a problem', async () => {
    const response = new Response(JSON.stringify({ status: 'bad', title: 1 }), { status: 500 });
    const error = await problemFrom(response);
    expect(error).toMatchObject({ status: 500, title: 'HTTP 500' });
  });
});
