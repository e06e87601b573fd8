import { useId, useMemo, useState, type Ref } from 'react';

import { matchesZone, timeZones, zoneOffset } from '../../time/zones';

interface TimezonePickerProps {
  label: string;
  value: string;
  onChange: (zone: string) => void;
  onBlur?: () => void;
  error?: string | undefined;
  hint?: string;
  ref?: Ref<HTMLSelectElement>;
}

/**
 * An IANA zone: a search box narrows a list of the browser's zones. A native list box, not
 * a custom combobox, so keyboards, screen readers and phones all know how to use it.
 */
export function TimezonePicker({ label, value, onChange, onBlur, error, hint, ref }: TimezonePickerProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const zones = useMemo(() => {
    const found = timeZones().filter((zone) => matchesZone(zone, query));
    // The chosen zone stays listed (and selected) whatever the search, even one this browser
    // does not know.
    return !value || found.includes(value) ? found : [value, ...found];
  }, [query, value]);
  const matches = zones.filter((zone) => zone !== value || matchesZone(zone, query)).length;
  const describedBy = [hint && `${id}-hint`, `${id}-count`, error && `${id}-error`].filter(Boolean).join(' ');

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-zinc-600 dark:text-zinc-400">
          {hint}
        </p>
      )}
      <input
        type="search"
        aria-label="Search time zones"
        aria-controls={id}
        placeholder="Search, e.g. Berlin or New York"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        autoComplete="off"
        className="min-h-10 rounded-md border border-zinc-300 bg-white px-3 text-base dark:border-zinc-700 dark:bg-zinc-900"
      />
      <p id={`${id}-count`} role="status" className="text-xs text-zinc-600 dark:text-zinc-400">
        {query.trim() ? `${matches} ${matches === 1 ? 'zone matches' : 'zones match'}` : `${timeZones().length} zones`}
      </p>
      <select
        id={id}
        ref={ref}
        size={6}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="rounded-md border border-zinc-300 bg-white px-1 py-1 text-base aria-invalid:border-red-600 dark:border-zinc-700 dark:bg-zinc-900 dark:aria-invalid:border-red-400"
      >
        {zones.map((zone) => (
          <option key={zone} value={zone} className="px-2 py-1">
            {zone} {zoneOffset(zone) && `(${zoneOffset(zone)})`}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
