import { useState } from 'react';

import type { Tag } from '../../../api/types';
import { Button } from '../../../components/Button';
import { MergeTagForm } from './MergeTagForm';
import { TagEditForm } from './TagEditForm';

type Open = 'edit' | 'merge' | null;

export function TagRow({ tag, others }: { tag: Tag; others: readonly Tag[] }) {
  const [open, setOpen] = useState<Open>(null);
  const toggle = (which: Exclude<Open, null>) => setOpen((current) => (current === which ? null : which));
  const close = () => setOpen(null);

  return (
    <li className="flex flex-col gap-3 p-3">
      <div className="flex flex-wrap items-center gap-3">
        <span aria-hidden="true" className="size-4 shrink-0 rounded-full border border-zinc-300 dark:border-zinc-700" style={{ backgroundColor: tag.color }} />
        <div className="min-w-0 flex-1">
          <p className="font-medium break-words">{tag.name}</p>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {tag.uses === 1 ? '1 task' : `${tag.uses} tasks`} · <span className="font-mono">{tag.color}</span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" aria-expanded={open === 'edit'} onClick={() => toggle('edit')}>
            <span>
              Edit<span className="sr-only"> tag {tag.name}</span>
            </span>
          </Button>
          <Button variant="secondary" aria-expanded={open === 'merge'} onClick={() => toggle('merge')} disabled={others.length === 0}>
            <span>
              Merge<span className="sr-only"> tag {tag.name}</span>
            </span>
          </Button>
        </div>
      </div>
      {open === 'edit' && <TagEditForm tag={tag} onDone={close} />}
      {open === 'merge' && <MergeTagForm tag={tag} others={others} onDone={close} />}
    </li>
  );
}
