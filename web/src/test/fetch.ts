// A fake API for tests: answers fetch() from a list of routes and records every call.
import { vi } from 'vitest';

export interface Call {
  method: string;
  path: string;
  search: URLSearchParams;
  headers: Headers;
  body: unknown;
}

type Answer = Response | ((call: Call) => Response);

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function problem(status: number, title: string, extra: Record<string, unknown> = {}): Response {
  const body = { type: '/problems/test', title, status, request_id: 'req-1', ...extra };
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } });
}

/**
 * Stubs fetch. Each route is `"METHOD /path"` with answers used in turn; the last one
 * repeats. An unrouted request fails the test loudly.
 */
export function fakeApi(routes: Record<string, Answer | Answer[]>) {
  const calls: Call[] = [];
  const served = new Map<string, number>();
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const call: Call = {
      method: init.method ?? 'GET',
      path: url.pathname,
      search: url.searchParams,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const route = `${call.method} ${call.path}`;
    const entry = routes[route];
    if (!entry) throw new Error(`Unexpected request: ${route}`);
    const answers = Array.isArray(entry) ? entry : [entry];
    const index = served.get(route) ?? 0;
    served.set(route, index + 1);
    const answer = answers[Math.min(index, answers.length - 1)]!;
    return typeof answer === 'function' ? answer(call) : answer.clone();
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, callsTo: (route: string) => calls.filter((c) => `${c.method} ${c.path}` === route) };
}
