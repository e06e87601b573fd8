import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';

import { addComment, commentsKey, commentsQuery, deleteComment, editComment, setCommentHidden } from '../../../api/comments';
import { meQuery } from '../../../api/me';
import type { Comment, Member, Task } from '../../../api/types';
import { Button } from '../../../components/Button';
import { ProblemNotice } from '../../../components/ProblemNotice';
import { Markdown } from '../../../markdown/Markdown';
import { MarkdownEditor } from '../../../markdown/MarkdownEditor';
import { SECTION_HEADING } from './field-styles';

const MAX = 10_000;
const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

interface CommentItemProps {
  task: Task;
  comment: Comment;
  author: string;
  mine: boolean;
  /** A group admin moderates: hides and unhides comments. */
  moderator: boolean;
  members: readonly Member[];
}

function CommentItem({ task, comment, author, mine, moderator, members }: CommentItemProps) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<string>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: commentsKey(task.id) });
  const edit = useMutation({
    mutationFn: (body: string) => editComment(task.id, comment.id, body),
    onSuccess: () => {
      setDraft(undefined);
      return refresh();
    },
  });
  const remove = useMutation({ mutationFn: () => deleteComment(task.id, comment.id), onSuccess: refresh });
  const moderate = useMutation({ mutationFn: (hidden: boolean) => setCommentHidden(task.id, comment.id, hidden), onSuccess: refresh });

  return (
    <li className="flex flex-col gap-1 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <p className="flex flex-wrap items-baseline gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <span className="font-medium text-zinc-900 dark:text-zinc-100">{author}</span>
        <time dateTime={comment.created_at}>{when.format(new Date(comment.created_at))}</time>
        {comment.edited_at && <span>(edited)</span>}
      </p>
      {comment.hidden ? (
        <p className="text-sm text-zinc-600 italic dark:text-zinc-400">Hidden by a group admin.</p>
      ) : draft !== undefined ? (
        <div className="flex flex-col gap-2">
          <MarkdownEditor label="Edit comment" value={draft} onChange={setDraft} members={members} onSubmit={() => edit.mutate(draft)} />
          <div className="flex gap-2">
            <Button onClick={() => edit.mutate(draft)} disabled={edit.isPending || !draft.trim()}>
              Save
            </Button>
            <Button variant="ghost" onClick={() => setDraft(undefined)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <Markdown source={comment.body ?? ''} className="text-sm" />
      )}
      {moderator && draft === undefined && (
        <Button variant="ghost" className="min-h-8 self-start px-2 text-xs" onClick={() => moderate.mutate(!comment.hidden)} disabled={moderate.isPending}>
          {comment.hidden ? 'Unhide' : 'Hide'}
          <span className="sr-only"> comment by {author}</span>
        </Button>
      )}
      {mine && !comment.hidden && draft === undefined && (
        <div className="flex gap-1">
          <Button variant="ghost" className="min-h-8 px-2 text-xs" onClick={() => setDraft(comment.body ?? '')}>
            Edit
          </Button>
          <Button variant="ghost" className="min-h-8 px-2 text-xs" onClick={() => remove.mutate()} disabled={remove.isPending}>
            Delete
          </Button>
        </div>
      )}
      {(edit.error ?? remove.error ?? moderate.error) && <ProblemNotice error={edit.error ?? remove.error ?? moderate.error} />}
    </li>
  );
}

/** The task's comments, oldest first, and a composer with @mentions and a preview. */
export function CommentThread({ task, members, people }: { task: Task; members: readonly Member[]; people: readonly Member[] }) {
  const id = useId();
  const queryClient = useQueryClient();
  const me = useQuery(meQuery);
  const comments = useQuery(commentsQuery(task.id));
  // The group's admins moderate; `members` is the task's group's (none for a personal task).
  const moderator = members.some((m) => m.user_id === me.data?.id && m.role === 'admin');
  const [body, setBody] = useState('');
  const tooLong = [...body].length > MAX;
  const post = useMutation({
    mutationFn: (text: string) => addComment(task.id, text),
    onSuccess: () => {
      setBody('');
      return queryClient.invalidateQueries({ queryKey: commentsKey(task.id) });
    },
  });
  const names = new Map(people.map((m) => [m.user_id, m.display_name]));
  const submit = () => {
    if (body.trim() && !tooLong) post.mutate(body);
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-3">
      <h3 id={`${id}-heading`} className={SECTION_HEADING}>
        Comments
      </h3>
      {(comments.data?.items.length ?? 0) > 0 ? (
        <ul className="flex flex-col gap-2">
          {comments.data!.items.map((comment) => (
            <CommentItem
              key={comment.id}
              task={task}
              comment={comment}
              members={members}
              author={(comment.author_id && names.get(comment.author_id)) || 'Former member'}
              mine={Boolean(me.data && comment.author_id === me.data.id)}
              moderator={moderator}
            />
          ))}
        </ul>
      ) : (
        comments.isSuccess && <p className="text-sm text-zinc-600 dark:text-zinc-400">No comments yet.</p>
      )}
      <form
        className="flex flex-col gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <MarkdownEditor
          label="Add a comment"
          value={body}
          onChange={setBody}
          members={members}
          placeholder="Write a comment… type @ to mention someone"
          rows={3}
          onSubmit={submit}
          error={tooLong ? `Keep a comment to ${MAX.toLocaleString()} characters.` : undefined}
        />
        <Button type="submit" className="self-start" disabled={post.isPending || !body.trim() || tooLong}>
          {post.isPending ? 'Posting…' : 'Comment'}
        </Button>
        {post.error && <ProblemNotice error={post.error} />}
      </form>
    </section>
  );
}
