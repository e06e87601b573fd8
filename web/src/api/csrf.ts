import { readStored, removeStored, writeStored } from '../storage';

export const CSRF_HEADER = 'X-CSRF-Token';

// The server hands the token out only in sign-in and refresh answers (the session cookies
// are HttpOnly), so it is kept where reloads and other tabs find it. It is bound to the
// session and useless without the SameSite=Strict cookie, which no script can read.
const STORAGE_KEY = 'dayline.csrf';
let inMemory: string | null = null;

export function readCsrfToken(): string | null {
  return readStored(STORAGE_KEY) ?? inMemory;
}

export function storeCsrfToken(token: string): void {
  inMemory = token;
  writeStored(STORAGE_KEY, token);
}

export function forgetCsrfToken(): void {
  inMemory = null;
  removeStored(STORAGE_KEY);
}
