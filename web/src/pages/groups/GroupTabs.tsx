import { Link } from 'react-router';

import type { GroupTab } from './tabs';

interface GroupTabsProps {
  tabs: readonly GroupTab[];
  current: GroupTab;
}

/** The sections of a group page as links: the address keeps the open one, so it can be shared and reloaded. */
export function GroupTabs({ tabs, current }: GroupTabsProps) {
  return (
    <nav aria-label="Group sections" className="-mx-1 overflow-x-auto border-b border-zinc-200 dark:border-zinc-800">
      <ul className="flex px-1 sm:gap-1">
        {tabs.map((tab) => {
          const active = tab.id === current.id;
          return (
            <li key={tab.id}>
              <Link
                to={{ search: `?tab=${tab.id}` }}
                preventScrollReset
                aria-current={active ? 'page' : undefined}
                className={`inline-flex min-h-11 items-center border-b-2 px-2 text-sm sm:px-3 font-medium whitespace-nowrap ${
                  active
                    ? 'border-indigo-600 text-indigo-700 dark:border-indigo-400 dark:text-indigo-300'
                    : 'border-transparent text-zinc-700 hover:border-zinc-300 hover:text-zinc-900 dark:text-zinc-300 dark:hover:border-zinc-600 dark:hover:text-zinc-100'
                }`}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
