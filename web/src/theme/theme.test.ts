import { describe, expect, it, vi } from 'vitest';

import { initTheme, resolveTheme, setTheme, storedTheme } from './theme';

function systemPrefersDark(dark: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: dark && query === '(prefers-color-scheme: dark)',
    addEventListener: () => {},
  }));
}

describe('theme', () => {
  it('follows the system unless a choice was stored', () => {
    expect(storedTheme()).toBe('system');
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('light', true)).toBe('light');
  });

  it('puts the stored choice on <html> before anything renders', () => {
    systemPrefersDark(true);
    window.localStorage.setItem('dayline.theme', 'light');
    initTheme();
    expect(document.documentElement.className).toBe('light');
  });

  it('stores a new choice and applies it at once', () => {
    systemPrefersDark(false);
    setTheme('dark');
    expect(storedTheme()).toBe('dark');
    expect(document.documentElement.classList.contains('dark')).toBe(true);
    expect(document.documentElement.classList.contains('light')).toBe(false);
  });

  it('ignores a stored value it does not know', () => {
    window.localStorage.setItem('dayline.theme', 'sepia');
    expect(storedTheme()).toBe('system');
  });
});
