import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type DragEvent } from 'react';

import { attachmentsKey, attachmentsQuery, deleteAttachment, uploadAttachment } from '../../../api/attachments';
import { ProblemError } from '../../../api/problem';
import type { Attachment, Task } from '../../../api/types';
import { Button } from '../../../components/Button';
import { showToast } from '../../../toast/toasts';
import { SECTION_HEADING } from './field-styles';

interface Upload {
  key: number;
  name: string;
  fraction: number;
  error?: string;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

function AttachmentItem({ attachment, onDelete }: { attachment: Attachment; onDelete: () => void }) {
  return (
    <li className="flex items-center gap-3 rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
      {attachment.preview_url ? (
        <img src={attachment.preview_url} alt="" loading="lazy" className="size-12 shrink-0 rounded object-cover" />
      ) : (
        <span aria-hidden="true" className="flex size-12 shrink-0 items-center justify-center rounded bg-zinc-100 text-xs uppercase dark:bg-zinc-800">
          {attachment.filename.split('.').pop()?.slice(0, 4) ?? 'file'}
        </span>
      )}
      <div className="flex min-w-0 flex-1 flex-col">
        <a href={attachment.download_url} className="truncate text-sm font-medium hover:underline" download={attachment.filename}>
          {attachment.filename}
        </a>
        <span className="text-xs text-zinc-600 dark:text-zinc-400">
          {formatSize(attachment.size_bytes)} · {attachment.content_type}
        </span>
      </div>
      <Button variant="ghost" className="min-h-8 px-2 text-xs" onClick={onDelete}>
        Delete<span className="sr-only"> {attachment.filename}</span>
      </Button>
    </li>
  );
}

/** Files on the task: drop or pick several, each uploading with its own progress bar. */
export function AttachmentList({ task }: { task: Task }) {
  const id = useId();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const attachments = useQuery(attachmentsQuery(task.id));
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: attachmentsKey(task.id) });
  const remove = useMutation({
    mutationFn: deleteAttachment,
    onSuccess: () => {
      showToast('Attachment deleted.');
      return refresh();
    },
    onError: (error) => showToast(error.message, 'error'),
  });

  const upload = (files: FileList | File[]) => {
    for (const file of Array.from(files)) {
      const key = Date.now() + Math.random();
      const set = (change: Partial<Upload>) => setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...change } : u)));
      setUploads((all) => [...all, { key, name: file.name, fraction: 0 }]);
      uploadAttachment(task.id, file, (fraction) => set({ fraction }))
        .then(() => {
          setUploads((all) => all.filter((u) => u.key !== key));
          return refresh();
        })
        .catch((error: unknown) => {
          const message = error instanceof ProblemError ? (error.fieldErrors[0]?.message ?? error.detail ?? error.title) : String((error as Error).message);
          set({ error: message });
        });
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (event.dataTransfer.files.length > 0) upload(event.dataTransfer.files);
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-2">
      <h3 id={`${id}-heading`} className={SECTION_HEADING}>
        Attachments
      </h3>
      {(attachments.data?.items.length ?? 0) > 0 && (
        <ul className="flex flex-col gap-2">
          {attachments.data!.items.map((attachment) => (
            <AttachmentItem key={attachment.id} attachment={attachment} onDelete={() => remove.mutate(attachment.id)} />
          ))}
        </ul>
      )}
      {uploads.length > 0 && (
        <ul aria-label="Uploads" className="flex flex-col gap-2">
          {uploads.map((u) => (
            <li key={u.key} className="flex flex-col gap-1 text-sm">
              <span className="flex justify-between gap-2">
                <span className="truncate">{u.name}</span>
                {u.error ? (
                  <button type="button" className="text-xs underline" onClick={() => setUploads((all) => all.filter((x) => x.key !== u.key))}>
                    Dismiss
                  </button>
                ) : (
                  <span className="text-xs">{Math.round(u.fraction * 100)}%</span>
                )}
              </span>
              {u.error ? (
                <span role="alert" className="text-red-700 dark:text-red-400">
                  {u.error}
                </span>
              ) : (
                <progress value={u.fraction} max={1} aria-label={`Uploading ${u.name}`} className="h-2 w-full accent-indigo-600" />
              )}
            </li>
          ))}
        </ul>
      )}
      <div
        onDragOver={(event) => {
          if (!event.dataTransfer.types.includes('Files')) return;
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`flex flex-col items-center gap-2 rounded-md border-2 border-dashed p-4 text-sm ${dragging ? 'border-indigo-500 bg-indigo-50 dark:bg-indigo-950' : 'border-zinc-300 dark:border-zinc-700'}`}
      >
        <p className="text-zinc-600 dark:text-zinc-400">Drop files here, or</p>
        <Button variant="secondary" onClick={() => input.current?.click()}>
          Choose files
        </Button>
        <input
          ref={input}
          type="file"
          multiple
          aria-label="Attach files"
          className="sr-only"
          tabIndex={-1}
          onChange={(event) => {
            if (event.target.files) upload(event.target.files);
            event.target.value = '';
          }}
        />
      </div>
    </section>
  );
}
