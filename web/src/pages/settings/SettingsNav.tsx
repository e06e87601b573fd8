import { Link } from 'react-router';

import { SETTINGS_SECTIONS, sectionHref, type SettingsSectionId } from './settings-sections';

/** The settings pages: a wrapping row on phones, a column beside the page on wider screens. */
export function SettingsNav({ current }: { current: SettingsSectionId }) {
  return (
    <nav aria-label="Settings">
      <ul className="flex flex-wrap gap-1 md:flex-col">
        {SETTINGS_SECTIONS.map(({ id, label }) => {
          const active = id === current;
          return (
            <li key={id}>
              <Link
                to={sectionHref(id)}
                aria-current={active ? 'page' : undefined}
                className={`flex min-h-10 items-center rounded-md px-3 text-sm font-medium whitespace-nowrap ${
                  active
                    ? 'bg-indigo-100 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100'
                    : 'text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800'
                }`}
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
