import { useId, useRef, useState, type KeyboardEvent } from 'react';

import type { Member } from '../api/types';
import { Markdown } from './Markdown';
import { insertMention, matchingMembers, mentionAt, type MentionQuery } from './mentions';

interface MarkdownEditorProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Members who can be @mentioned; none turns mentions off. */
  members?: readonly Member[];
  placeholder?: string;
  rows?: number;
  error?: string | undefined;
  /** Ctrl/Cmd+Enter. */
  onSubmit?: () => void;
  onBlur?: () => void;
}

const TAB = 'rounded-md px-3 py-1 text-sm aria-selected:bg-zinc-100 aria-selected:font-medium dark:aria-selected:bg-zinc-800';

/** A Markdown text area with a preview tab and @mention suggestions. */
export function MarkdownEditor({ label, value, onChange, members = [], placeholder, rows = 4, error, onSubmit, onBlur }: MarkdownEditorProps) {
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [previewing, setPreviewing] = useState(false);
  const [query, setQuery] = useState<MentionQuery>();
  const [active, setActive] = useState(0);
  const suggestions = query ? matchingMembers(members, query.text) : [];
  const listId = `${id}-mentions`;

  const track = (text: string, caret: number) => setQuery(members.length > 0 ? mentionAt(text, caret) : undefined);

  const pick = (member: Member) => {
    const box = textarea.current;
    if (!box || !query) return;
    const next = insertMention(value, box.selectionStart, query, member);
    onChange(next.value);
    setQuery(undefined);
    requestAnimationFrame(() => {
      box.focus();
      box.setSelectionRange(next.caret, next.caret);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggestions.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((current) => (current + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        pick(suggestions[Math.min(active, suggestions.length - 1)]!);
        return;
      }
      if (event.key === 'Escape') {
        event.stopPropagation();
        setQuery(undefined);
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && onSubmit) {
      event.preventDefault();
      onSubmit();
    }
  };

  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center gap-2">
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        <div role="tablist" aria-label={`${label} view`} className="ml-auto flex gap-1">
          <button type="button" role="tab" aria-selected={!previewing} className={TAB} onClick={() => setPreviewing(false)}>
            Write
          </button>
          <button type="button" role="tab" aria-selected={previewing} className={TAB} onClick={() => setPreviewing(true)}>
            Preview
          </button>
        </div>
      </div>
      {previewing ? (
        <div className="min-h-20 rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
          {value.trim() ? <Markdown source={value} /> : <p className="text-zinc-600 dark:text-zinc-400">Nothing to preview.</p>}
        </div>
      ) : (
        <div className="relative">
          <textarea
            id={id}
            ref={textarea}
            rows={rows}
            value={value}
            placeholder={placeholder}
            aria-invalid={error ? true : undefined}
            role={members.length > 0 ? 'combobox' : undefined}
            aria-autocomplete={members.length > 0 ? 'list' : undefined}
            aria-expanded={members.length > 0 ? suggestions.length > 0 : undefined}
            aria-controls={suggestions.length > 0 ? listId : undefined}
            aria-activedescendant={suggestions.length > 0 ? `${listId}-${Math.min(active, suggestions.length - 1)}` : undefined}
            onChange={(event) => {
              onChange(event.target.value);
              setActive(0);
              track(event.target.value, event.target.selectionStart);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => {
              // Leave time for a click on a suggestion to land first.
              setTimeout(() => setQuery(undefined), 150);
              onBlur?.();
            }}
            className="w-full rounded-md border border-zinc-300 bg-white p-2 text-sm aria-invalid:border-red-600 dark:border-zinc-700 dark:bg-zinc-900"
          />
          {suggestions.length > 0 && (
            <ul id={listId} role="listbox" aria-label="Mention a member" className="absolute z-20 mt-1 w-64 rounded-md border border-zinc-200 bg-white py-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
              {suggestions.map((member, n) => (
                <li
                  key={member.user_id}
                  id={`${listId}-${n}`}
                  role="option"
                  aria-selected={n === Math.min(active, suggestions.length - 1)}
                  onMouseDown={(event) => {
                    event.preventDefault();
                    pick(member);
                  }}
                  className="cursor-pointer px-3 py-1.5 text-sm aria-selected:bg-indigo-50 dark:aria-selected:bg-indigo-950"
                >
                  {member.display_name} <span className="text-zinc-600 dark:text-zinc-400">{member.email}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {error && <p className="text-sm text-red-700 dark:text-red-400">{error}</p>}
    </div>
  );
}
