import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';

import { searchTasks } from '../api/task';
import { useModalDialog } from '../hooks/use-modal-dialog';
import { useDebounced } from '../hooks/use-debounced';
import { setTheme } from '../theme/theme';
import { matchCommands, type Command } from './commands';

interface CommandPaletteProps {
  open: boolean;
  onClose: () => void;
  onQuickAdd: () => void;
  onHelp: () => void;
}

/** Ctrl/Cmd-K: jump anywhere, run an action, or find a task by what it says. */
export function CommandPalette({ open, onClose, onQuickAdd, onHelp }: CommandPaletteProps) {
  const id = useId();
  // Focused on opening rather than with autoFocus, which fires on mount while the dialog is closed.
  const field = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const settled = useDebounced(text.trim(), 200);
  const tasks = useQuery({
    queryKey: ['search', settled],
    queryFn: ({ signal }) => searchTasks(settled, signal, 6),
    enabled: open && settled.length >= 2,
    throwOnError: false,
  });

  const dialog = useModalDialog(open, () => {
    setText('');
    setActive(0);
    field.current?.focus();
  });

  const commands = useMemo<Command[]>(() => {
    const go = (path: string) => () => void navigate(path);
    return [
      { id: 'new', label: 'New task (quick add)', run: onQuickAdd },
      { id: 'home', label: 'Go to home', run: go('/') },
      { id: 'tasks', label: 'Go to tasks', run: go('/tasks') },
      { id: 'board', label: 'Go to board', run: go('/tasks?view=board') },
      { id: 'groups', label: 'Go to groups', run: go('/groups') },
      { id: 'settings', label: 'Go to settings', run: go('/settings') },
      { id: 'light', label: 'Theme: light', run: () => setTheme('light') },
      { id: 'dark', label: 'Theme: dark', run: () => setTheme('dark') },
      { id: 'system', label: 'Theme: follow the system', run: () => setTheme('system') },
      { id: 'help', label: 'Keyboard shortcuts', run: onHelp },
    ];
  }, [navigate, onQuickAdd, onHelp]);

  const found: Command[] = [
    ...matchCommands(commands, text),
    ...(settled.length >= 2 ? (tasks.data?.items ?? []) : []).map((task) => ({
      id: `task-${task.id}`,
      label: `${task.key} ${task.title}`,
      run: () => void navigate(`/tasks?task=${task.id}`),
    })),
  ];
  const current = Math.min(active, Math.max(found.length - 1, 0));

  const choose = (command: Command | undefined) => {
    if (!command) return;
    onClose();
    command.run();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (found.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + found.length) % found.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(found[current]);
    }
  };

  return (
    <dialog
      ref={dialog}
      aria-label="Command palette"
      onClose={onClose}
      onClick={(event) => event.target === dialog.current && onClose()}
      className="mx-auto mt-[15vh] w-[36rem] max-w-[calc(100vw-2rem)] rounded-lg bg-white p-0 text-zinc-900 shadow-2xl backdrop:bg-zinc-950/40 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <input
        ref={field}
        value={text}
        role="combobox"
        aria-label="Type a command or search tasks"
        aria-expanded={found.length > 0}
        aria-controls={`${id}-list`}
        aria-activedescendant={found.length > 0 ? `${id}-${current}` : undefined}
        placeholder="Type a command or search tasks…"
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        className="min-h-12 w-full border-b border-zinc-200 bg-transparent px-4 text-base outline-none dark:border-zinc-800"
      />
      <ul id={`${id}-list`} role="listbox" aria-label="Results" className="max-h-80 overflow-y-auto py-1">
        {found.map((command, n) => (
          <li
            key={command.id}
            id={`${id}-${n}`}
            role="option"
            aria-selected={n === current}
            onMouseDown={(event) => {
              event.preventDefault();
              choose(command);
            }}
            className="cursor-pointer px-4 py-2 text-sm aria-selected:bg-indigo-50 dark:aria-selected:bg-indigo-950"
          >
            {command.label}
          </li>
        ))}
        {found.length === 0 && <li className="px-4 py-2 text-sm text-zinc-600 dark:text-zinc-400">Nothing matches.</li>}
      </ul>
    </dialog>
  );
}
