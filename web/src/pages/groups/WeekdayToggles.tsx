import { useId } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';

import { WEEKDAYS, type Weekday } from './group-fields';

const NAMES: Record<Weekday, [short: string, full: string]> = {
  mon: ['Mon', 'Monday'],
  tue: ['Tue', 'Tuesday'],
  wed: ['Wed', 'Wednesday'],
  thu: ['Thu', 'Thursday'],
  fri: ['Fri', 'Friday'],
  sat: ['Sat', 'Saturday'],
  sun: ['Sun', 'Sunday'],
};

export function weekdayName(day: string): string {
  return NAMES[day as Weekday]?.[1] ?? day;
}

interface WeekdayTogglesProps {
  legend: string;
  registration: UseFormRegisterReturn;
  error?: string | undefined;
}

/** One toggle per weekday: checkboxes drawn as pills, so each is a plain, labelled control. */
export function WeekdayToggles({ legend, registration, error }: WeekdayTogglesProps) {
  const errorId = useId();
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={error ? errorId : undefined}>
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      <div className="flex flex-wrap gap-2">
        {WEEKDAYS.map((day) => {
          const [short, full] = NAMES[day];
          return (
            <label
              key={day}
              className="inline-flex min-h-10 min-w-12 cursor-pointer items-center justify-center rounded-full border border-zinc-300 px-3 text-sm font-medium outline-offset-2 select-none has-checked:border-indigo-600 has-checked:bg-indigo-600 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-indigo-600 dark:border-zinc-700 dark:has-checked:border-indigo-400 dark:has-checked:bg-indigo-400 dark:has-checked:text-zinc-950 dark:has-focus-visible:outline-indigo-400"
            >
              <input type="checkbox" value={day} className="sr-only" {...registration} />
              <span aria-hidden="true">{short}</span>
              <span className="sr-only">{full}</span>
            </label>
          );
        })}
      </div>
      {error && <p id={errorId} className="text-sm text-red-700 dark:text-red-400">{error}</p>}
    </fieldset>
  );
}
