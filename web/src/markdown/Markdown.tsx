// Markdown for descriptions and comments, rendered to React elements — never to HTML
// strings — so no text, however crafted, becomes markup or script. Covers what people type
// in a tracker: paragraphs, headings, lists, quotes, code, emphasis, links and @mentions.
import type { ReactNode } from 'react';

// One inline token: code, a mention, a link, bold, italic, or a bare web address.
const INLINE =
  /`([^`]+)`|@\[([^\]]{1,100})\]\(user:([0-9a-f-]{36})\)|\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*|(?<![\w*])[*_]([^*_]+)[*_](?![\w*])|\bhttps?:\/\/[^\s<>()]+[^\s<>().,;:!?'"]/g;

/** Only these link targets are followed; anything else (javascript:, data:) stays text. */
function safeHref(href: string): string | undefined {
  return /^(https?:|mailto:)/i.test(href) ? href : undefined;
}

function link(href: string, label: ReactNode, key: number): ReactNode {
  const safe = safeHref(href);
  if (!safe) return label;
  return (
    <a key={key} href={safe} target="_blank" rel="noopener noreferrer nofollow" className="text-indigo-700 underline dark:text-indigo-400">
      {label}
    </a>
  );
}

export function renderInline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const at = match.index;
    if (at > last) out.push(text.slice(last, at));
    const [whole, code, mentionName, , linkText, linkHref, bold, italic] = match;
    const key = at;
    if (code !== undefined) {
      out.push(
        <code key={key} className="rounded bg-zinc-100 px-1 font-mono text-[0.9em] dark:bg-zinc-800">
          {code}
        </code>,
      );
    } else if (mentionName !== undefined) {
      out.push(
        <span key={key} className="rounded bg-indigo-50 px-1 font-medium text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200">
          @{mentionName}
        </span>,
      );
    } else if (linkText !== undefined && linkHref !== undefined) {
      out.push(link(linkHref, renderInline(linkText), key));
    } else if (bold !== undefined) {
      out.push(<strong key={key}>{renderInline(bold)}</strong>);
    } else if (italic !== undefined) {
      out.push(<em key={key}>{renderInline(italic)}</em>);
    } else {
      out.push(link(whole, whole, key));
    }
    last = at + whole.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

type Block =
  | { kind: 'paragraph' | 'quote'; lines: string[] }
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'code'; text: string };

const LIST_ITEM = /^\s*(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/;

export function parseBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    if (line.startsWith('```')) {
      const body: string[] = [];
      for (i += 1; i < lines.length && !lines[i]!.startsWith('```'); i += 1) body.push(lines[i]!);
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]!.length as 1 | 2 | 3, text: heading[2]! });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const ordered = item[2] !== undefined;
      const items = [item[3]!];
      for (; i + 1 < lines.length; i += 1) {
        const next = LIST_ITEM.exec(lines[i + 1]!);
        if (!next || (next[2] !== undefined) !== ordered) break;
        items.push(next[3]!);
      }
      blocks.push({ kind: 'list', ordered, items });
      continue;
    }
    const quote = line.startsWith('>');
    const gathered = [quote ? line.replace(/^>\s?/, '') : line];
    for (; i + 1 < lines.length; i += 1) {
      const next = lines[i + 1]!;
      if (next.trim() === '' || next.startsWith('>') !== quote || next.startsWith('```') || /^#{1,3}\s/.test(next) || LIST_ITEM.test(next)) break;
      gathered.push(quote ? next.replace(/^>\s?/, '') : next);
    }
    blocks.push({ kind: quote ? 'quote' : 'paragraph', lines: gathered });
  }
  return blocks;
}

function lines(parts: string[]): ReactNode[] {
  return parts.flatMap((line, n) => (n === 0 ? renderInline(line) : [<br key={`br${n}`} />, ...renderInline(line)]));
}

const HEADINGS = { 1: 'text-lg font-semibold', 2: 'text-base font-semibold', 3: 'text-sm font-semibold' } as const;

/** Markdown as elements; headings render one level below the page's own. */
export function Markdown({ source, className = '' }: { source: string; className?: string }) {
  return (
    <div className={`flex flex-col gap-2 break-words ${className}`}>
      {parseBlocks(source).map((block, n) => {
        switch (block.kind) {
          case 'heading': {
            const Tag = (['h3', 'h4', 'h5'] as const)[block.level - 1]!;
            return (
              <Tag key={n} className={HEADINGS[block.level]}>
                {renderInline(block.text)}
              </Tag>
            );
          }
          case 'list': {
            const List = block.ordered ? 'ol' : 'ul';
            return (
              <List key={n} className={`pl-5 ${block.ordered ? 'list-decimal' : 'list-disc'}`}>
                {block.items.map((item, m) => (
                  <li key={m}>{renderInline(item)}</li>
                ))}
              </List>
            );
          }
          case 'code':
            return (
              <pre key={n} className="overflow-x-auto rounded bg-zinc-100 p-2 font-mono text-sm dark:bg-zinc-800">
                <code>{block.text}</code>
              </pre>
            );
          case 'quote':
            return (
              <blockquote key={n} className="border-l-4 border-zinc-300 pl-3 text-zinc-700 dark:border-zinc-700 dark:text-zinc-300">
                {lines(block.lines)}
              </blockquote>
            );
          default:
            return <p key={n}>{lines(block.lines)}</p>;
        }
      })}
    </div>
  );
}
