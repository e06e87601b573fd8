import { useState } from 'react';

import { setTheme, storedTheme, THEME_CHOICES, type ThemeChoice } from './theme';

const LABELS: Record<ThemeChoice, string> = { light: 'Light', dark: 'Dark', system: 'Same as the system' };

export function ThemePicker() {
  const [choice, setChoice] = useState(storedTheme);

  function choose(next: ThemeChoice) {
    setTheme(next);
    setChoice(next);
  }

  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium">Theme</legend>
      {THEME_CHOICES.map((option) => (
        <label key={option} className="flex min-h-10 items-center gap-2">
          <input
            type="radio"
            name="theme"
            value={option}
            checked={choice === option}
            onChange={() => choose(option)}
            className="size-4"
          />
          {LABELS[option]}
        </label>
      ))}
    </fieldset>
  );
}
