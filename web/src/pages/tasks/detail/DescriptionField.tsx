import { useEffect, useState } from 'react';

import type { Member, Task } from '../../../api/types';
import { Button } from '../../../components/Button';
import { Markdown } from '../../../markdown/Markdown';
import { MarkdownEditor } from '../../../markdown/MarkdownEditor';
import type { useTaskUpdate } from './use-task-update';

const MAX = 20_000;

/** The description: rendered Markdown, edited on demand with a preview. */
export function DescriptionField({ task, update, members }: { task: Task; update: ReturnType<typeof useTaskUpdate>; members: readonly Member[] }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(task.description);
  useEffect(() => {
    if (!editing) setDraft(task.description);
  }, [task.description, editing]);
  const tooLong = [...draft].length > MAX;

  if (!editing) {
    return (
      <div className="flex flex-col gap-2">
        <div className="flex items-center justify-between">
          <h3 className="text-sm font-semibold text-zinc-700 dark:text-zinc-300">Description</h3>
          <Button variant="ghost" className="min-h-8 px-2" onClick={() => setEditing(true)}>
            Edit description
          </Button>
        </div>
        {task.description ? (
          <Markdown source={task.description} className="text-sm" />
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No description.</p>
        )}
      </div>
    );
  }
  const save = () => {
    if (tooLong) return;
    if (draft !== task.description) update.mutate({ description: draft });
    setEditing(false);
  };
  return (
    <div className="flex flex-col gap-2">
      <MarkdownEditor label="Description" value={draft} onChange={setDraft} members={members} rows={8} onSubmit={save} error={tooLong ? `Keep the description to ${MAX.toLocaleString()} characters.` : undefined} />
      <div className="flex gap-2">
        <Button onClick={save} disabled={tooLong}>
          Save description
        </Button>
        <Button
          variant="ghost"
          onClick={() => {
            setDraft(task.description);
            setEditing(false);
          }}
        >
          Cancel
        </Button>
      </div>
    </div>
  );
}
