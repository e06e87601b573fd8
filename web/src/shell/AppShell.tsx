import { useCallback, useMemo, useState } from 'react';
import { Outlet } from 'react-router';

import { Button } from '../components/Button';
import { QuickAddDialog } from '../quick-add/QuickAddDialog';
import { Toaster } from '../toast/Toaster';
import { MainNav } from './MainNav';
import { CommandPalette } from './CommandPalette';
import { ShortcutHelp } from './ShortcutHelp';
import { useCommandKey, useShortcuts } from './shortcuts';
import { UserMenu } from './UserMenu';

const NAV_ID = 'main-nav';

/** The signed-in frame: navigation, the user menu and the current page. */
export function AppShell() {
  const [navOpen, setNavOpen] = useState(false);
  const closeNav = useCallback(() => setNavOpen(false), []);
  const [quickAdd, setQuickAdd] = useState(false);
  const [help, setHelp] = useState(false);
  const closeQuickAdd = useCallback(() => setQuickAdd(false), []);
  const closeHelp = useCallback(() => setHelp(false), []);
  const [palette, setPalette] = useState(false);
  const closePalette = useCallback(() => setPalette(false), []);
  const openQuickAdd = useCallback(() => setQuickAdd(true), []);
  const openHelp = useCallback(() => setHelp(true), []);
  useCommandKey(useCallback(() => setPalette(true), []));
  useShortcuts(
    useMemo(() => {
      const openQuickAdd = () => setQuickAdd(true);
      return { c: openQuickAdd, q: openQuickAdd, '?': () => setHelp(true) };
    }, []),
  );

  return (
    <div className="flex min-h-dvh">
      <a
        href="#main"
        className="sr-only rounded-md bg-indigo-600 px-3 py-2 text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to content
      </a>
      <MainNav id={NAV_ID} open={navOpen} onClose={closeNav} />
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center gap-3 border-b border-zinc-200 px-4 dark:border-zinc-800">
          <button
            type="button"
            className="-ml-2 rounded-md p-2 md:hidden"
            aria-controls={NAV_ID}
            aria-expanded={navOpen}
            onClick={() => setNavOpen((open) => !open)}
          >
            <span className="sr-only">Menu</span>
            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5 fill-current">
              <path d="M3 5h14v2H3zm0 4h14v2H3zm0 4h14v2H3z" />
            </svg>
          </button>
          <span className="font-semibold text-indigo-700 md:hidden dark:text-indigo-400">Dayline</span>
          <div className="ml-auto flex items-center gap-2">
            <Button onClick={() => setQuickAdd(true)} aria-keyshortcuts="c q" title="Quick add (c)">
              New task
            </Button>
            <UserMenu />
          </div>
        </header>
        <main id="main" tabIndex={-1} className="flex-1 px-4 py-6 outline-none md:px-8">
          <Outlet />
        </main>
      </div>
      <QuickAddDialog open={quickAdd} onClose={closeQuickAdd} />
      <ShortcutHelp open={help} onClose={closeHelp} />
      <CommandPalette open={palette} onClose={closePalette} onQuickAdd={openQuickAdd} onHelp={openHelp} />
      <Toaster />
    </div>
  );
}
