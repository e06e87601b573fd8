import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

import { groupsQuery } from '../api/groups';
import { membersQuery } from '../api/members';
import { createTask, tasksKey } from '../api/tasks';
import type { CreateTaskRequest } from '../api/types';
import { Button } from '../components/Button';
import { useModalDialog } from '../hooks/use-modal-dialog';
import { ProblemNotice } from '../components/ProblemNotice';
import { idempotencyKeys } from '../forms/idempotency';
import { localToday, parseQuickAdd } from '../tasks/quick-add';
import { PRIORITY_LABELS } from '../tasks/vocabulary';
import { showToast } from '../toast/toasts';

const CHIP = 'rounded-full bg-indigo-50 px-2 py-0.5 text-xs text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100';

/** The quick-add box: one line with the title, due day, priority, tags and assignee. */
export function QuickAddDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const id = useId();
  // Focused on opening rather than with autoFocus, which fires on mount while the dialog is closed.
  const field = useRef<HTMLInputElement>(null);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  // Part of the frame of every page: a failed list here must not take the page down with it
  // (a disabled query still reports the error another page's fetch of it met).
  const groups = useQuery({ ...groupsQuery, enabled: open, throwOnError: false });
  const viewedGroup = new URLSearchParams(location.search).get('group') ?? '';
  const [groupId, setGroupId] = useState(viewedGroup);
  const [line, setLine] = useState('');
  const [keys] = useState(idempotencyKeys);
  const members = useQuery({ ...membersQuery(groupId), enabled: open && Boolean(groupId), throwOnError: false });
  const parsed = parseQuickAdd(line, localToday(), members.data ?? []);

  // The group viewed when opening is the default; later navigation does not move it.
  const dialog = useModalDialog(open, () => {
    setGroupId(viewedGroup);
    field.current?.focus();
  });

  const create = useMutation({
    mutationFn: (body: CreateTaskRequest) => createTask(body, keys.keyFor(body)),
    onSuccess: (task) => {
      keys.settle();
      setLine('');
      onClose();
      showToast(`${task.key} created.`);
      // Open it beside what is on view (a list or board keeps its filters), or in the tasks page.
      const onTasks = location.pathname === '/tasks';
      const params = new URLSearchParams(onTasks ? location.search : '');
      params.set('task', task.id);
      void navigate(`/tasks?${params.toString()}`);
      return queryClient.invalidateQueries({ queryKey: tasksKey });
    },
  });

  const submit = () => {
    if (!parsed.title) return;
    create.mutate({
      title: parsed.title,
      group_id: groupId || null,
      due_date: parsed.due_date ?? null,
      priority: parsed.priority ?? null,
      tags: parsed.tags.length ? parsed.tags : null,
      assignee_id: parsed.assignee?.user_id ?? null,
    });
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      onClick={(event) => event.target === dialog.current && onClose()}
      className="m-auto w-[36rem] max-w-[calc(100vw-2rem)] rounded-lg bg-white p-0 text-zinc-900 shadow-2xl backdrop:bg-zinc-950/40 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <form
        method="dialog"
        className="flex flex-col gap-3 p-4"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <h2 id={`${id}-title`} className="text-base font-semibold">
          Quick add
        </h2>
        <label htmlFor={`${id}-line`} className="sr-only">
          Task
        </label>
        <input
          id={`${id}-line`}
          ref={field}
          value={line}
          onChange={(event) => setLine(event.target.value)}
          placeholder="Send the report tomorrow !high #finance @ana"
          aria-describedby={`${id}-help`}
          className="min-h-11 rounded-md border border-zinc-300 bg-white px-3 text-base dark:border-zinc-700 dark:bg-zinc-950"
        />
        <p id={`${id}-help`} className="text-xs text-zinc-600 dark:text-zinc-400">
          Due: today, tomorrow, friday, next week, in 3 days, 2026-12-01 · Priority: !urgent !high !medium !low · Tags: #name · Assignee: @name
        </p>
        <div aria-live="polite" className="flex min-h-6 flex-wrap gap-1">
          {parsed.title && <span className="text-sm font-medium">{parsed.title}</span>}
          {parsed.due_date && <span className={CHIP}>Due {parsed.due_date}</span>}
          {parsed.priority && <span className={CHIP}>{PRIORITY_LABELS[parsed.priority]}</span>}
          {parsed.tags.map((tag) => (
            <span key={tag} className={CHIP}>
              #{tag}
            </span>
          ))}
          {parsed.assignee && <span className={CHIP}>@{parsed.assignee.display_name}</span>}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor={`${id}-group`} className="text-sm font-medium">
            In
          </label>
          <select id={`${id}-group`} value={groupId} onChange={(event) => setGroupId(event.target.value)} className="min-h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-950">
            <option value="">Personal</option>
            {(groups.data?.items ?? []).map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </select>
          <div className="ml-auto flex gap-2">
            <Button variant="ghost" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={!parsed.title || create.isPending}>
              {create.isPending ? 'Adding…' : 'Add task'}
            </Button>
          </div>
        </div>
        {create.error && <ProblemNotice error={create.error} />}
      </form>
    </dialog>
  );
}
