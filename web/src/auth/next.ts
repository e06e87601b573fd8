// Where to go after signing in. `next` comes from the URL, so anyone can write it: only a
// path on this site is followed, never another origin (an open redirect).

const SIGN_IN = '/login';

export function signInPath(next: string): string {
  return next === '/' ? SIGN_IN : `${SIGN_IN}?next=${encodeURIComponent(next)}`;
}

export function safeNext(raw: string | null): string {
  if (!raw?.startsWith('/')) return '/';
  // The URL parser sees what the browser would: "//host", "/\host" and tab tricks resolve
  // to another origin and are refused here.
  const base = window.location.origin;
  let target: URL;
  try {
    target = new URL(raw, base);
  } catch {
    return '/';
  }
  if (target.origin !== base || target.pathname === SIGN_IN) return '/';
  return `${target.pathname}${target.search}${target.hash}`;
}
