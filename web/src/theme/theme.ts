import { readStored, writeStored } from '../storage';

export const THEME_CHOICES = ['light', 'dark', 'system'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

const STORAGE_KEY = 'dayline.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

export function storedTheme(): ThemeChoice {
  const value = readStored(STORAGE_KEY);
  return THEME_CHOICES.find((choice) => choice === value) ?? 'system';
}

export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): 'light' | 'dark' {
  if (choice === 'system') return systemPrefersDark ? 'dark' : 'light';
  return choice;
}

function paint(choice: ThemeChoice): void {
  const resolved = resolveTheme(choice, window.matchMedia(DARK_QUERY).matches);
  const root = document.documentElement;
  root.classList.toggle('dark', resolved === 'dark');
  root.classList.toggle('light', resolved === 'light');
}

export function setTheme(choice: ThemeChoice): void {
  writeStored(STORAGE_KEY, choice);
  paint(choice);
}

/** Applies the stored theme and keeps "system" in step with the OS. Call before rendering. */
export function initTheme(): void {
  paint(storedTheme());
  window.matchMedia(DARK_QUERY).addEventListener('change', () => {
    if (storedTheme() === 'system') paint('system');
  });
}
