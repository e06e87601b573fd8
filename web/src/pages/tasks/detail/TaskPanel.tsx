import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef } from 'react';
import { Link, useNavigate } from 'react-router';

import { meQuery } from '../../../api/me';
import { membersQuery } from '../../../api/members';
import { ProblemError } from '../../../api/problem';
import { setArchived, taskQuery } from '../../../api/task';
import { tasksKey } from '../../../api/tasks';
import type { Member, Task } from '../../../api/types';
import { Button } from '../../../components/Button';
import { Skeleton } from '../../../components/Skeleton';
import { ProblemNotice } from '../../../components/ProblemNotice';
import { storeTask } from '../../../tasks/cache';
import { describeRecurrence } from '../../../tasks/recurrence';
import { showToast } from '../../../toast/toasts';
import { AttachmentList } from './AttachmentList';
import { CommentThread } from './CommentThread';
import { DescriptionField } from './DescriptionField';
import { HistoryList } from './HistoryList';
import { RelationList } from './RelationList';
import { SubtaskList } from './SubtaskList';
import { TagEditor } from './TagEditor';
import { TaskFields } from './TaskFields';
import { TitleField } from './TitleField';
import { useTaskLink } from './task-link';
import { useTaskUpdate } from './use-task-update';

const NO_MEMBERS: Member[] = [];

function TaskDetail({ task, headingId }: { task: Task; headingId: string }) {
  const queryClient = useQueryClient();
  const linkTo = useTaskLink();
  const update = useTaskUpdate(task);
  const me = useQuery(meQuery);
  const members = useQuery({ ...membersQuery(task.group_id ?? ''), enabled: Boolean(task.group_id) }).data ?? NO_MEMBERS;
  // Names for comments and history: the group's members, and the viewer (personal tasks).
  const people: Member[] =
    me.data && !members.some((m) => m.user_id === me.data.id)
      ? [...members, { user_id: me.data.id, display_name: me.data.display_name, email: me.data.email, role: 'member', joined_at: me.data.created_at }]
      : members;
  const archive = useMutation({
    mutationFn: (archived: boolean) => setArchived(task.id, archived),
    onSuccess: (saved) => {
      storeTask(queryClient, saved);
      showToast(saved.archived_at ? `${saved.key} archived.` : `${saved.key} restored.`);
      return queryClient.invalidateQueries({ queryKey: tasksKey });
    },
    onError: (error) => showToast(error.message, 'error'),
  });

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-1">
        {task.parent_id && (
          <Link to={linkTo(task.parent_id)} className="text-xs text-indigo-700 hover:underline dark:text-indigo-400">
            ← Parent task
          </Link>
        )}
        <TitleField task={task} update={update} headingId={headingId} />
        {task.archived_at && (
          <p className="rounded-md bg-amber-50 px-2 py-1 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
            Archived: hidden from lists, deleted for good after the retention period.
          </p>
        )}
        {task.recurrence && <p className="px-2 text-xs text-zinc-600 dark:text-zinc-400">{describeRecurrence(task.recurrence)}</p>}
      </div>
      {update.error instanceof ProblemError && update.error.fieldErrors.length === 0 && update.error.status !== 412 && <ProblemNotice error={update.error} />}
      <TaskFields task={task} update={update} />
      <TagEditor task={task} update={update} />
      <DescriptionField task={task} update={update} members={members} />
      <SubtaskList task={task} />
      <RelationList task={task} />
      <AttachmentList task={task} />
      <CommentThread task={task} members={members} people={people} />
      <HistoryList taskId={task.id} people={people} />
      <div className="flex gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <Button variant="secondary" onClick={() => archive.mutate(!task.archived_at)} disabled={archive.isPending}>
          {task.archived_at ? 'Restore task' : 'Archive task'}
        </Button>
      </div>
    </div>
  );
}

/**
 * A task's detail beside the list or board it was opened from. Escape or the close button
 * closes it; focus moves into it on opening so keyboard users land where they asked.
 */
export function TaskPanel({ taskId }: { taskId: string }) {
  const headingId = useId();
  const navigate = useNavigate();
  const linkTo = useTaskLink();
  const panel = useRef<HTMLElement>(null);
  const task = useQuery({ ...taskQuery(taskId), throwOnError: false });
  const close = () => void navigate(linkTo(null));

  useEffect(() => {
    panel.current?.focus();
  }, [taskId]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      // Escape inside a field undoes the edit there (the field handles it) rather than closing.
      if (target?.closest('input, textarea, select')) return;
      void navigate(linkTo(null));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [navigate, linkTo]);

  return (
    <aside
      ref={panel}
      tabIndex={-1}
      aria-label={task.data ? `Task ${task.data.key}` : 'Task'}
      className="fixed inset-0 z-40 flex flex-col overflow-y-auto border-zinc-200 bg-white p-4 shadow-xl outline-none md:inset-y-0 md:right-0 md:left-auto md:w-[32rem] md:border-l dark:border-zinc-800 dark:bg-zinc-950"
    >
      <div className="mb-2 flex items-center gap-2">
        <span className="font-mono text-sm text-zinc-600 dark:text-zinc-400">{task.data?.key}</span>
        <Button variant="ghost" className="ml-auto min-h-9 px-2" onClick={close}>
          <span aria-hidden="true">✕</span>
          <span className="sr-only">Close task</span>
        </Button>
      </div>
      {task.isPending ? (
        <Skeleton label="Loading task…" rows={6} />
      ) : task.error ? (
        <ProblemNotice error={task.error} />
      ) : (
        <TaskDetail task={task.data} headingId={headingId} />
      )}
    </aside>
  );
}
