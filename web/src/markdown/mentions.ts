// @mention autocomplete: what is being typed after an "@" at the caret, and the text once a
// member is picked. The server turns `@[Name](user:<id>)` into a notification for them.
import type { Member } from '../api/types';

export interface MentionQuery {
  /** Where the "@" is. */
  start: number;
  /** What follows it, up to the caret. */
  text: string;
}

export function mentionAt(value: string, caret: number): MentionQuery | undefined {
  const match = /(?:^|\s)@([\p{L}\p{N}._-]{0,30})$/u.exec(value.slice(0, caret));
  if (!match) return undefined;
  return { start: caret - match[1]!.length - 1, text: match[1]! };
}

export function matchingMembers(members: readonly Member[], text: string, limit = 6): Member[] {
  const wanted = text.toLowerCase();
  return members
    .filter((m) => m.display_name.toLowerCase().split(/\s+/).some((part) => part.startsWith(wanted)) || m.email.toLowerCase().startsWith(wanted))
    .slice(0, limit);
}

/** The text with the mention at `query` replaced by `member`'s, and where the caret goes. */
export function insertMention(value: string, caret: number, query: MentionQuery, member: Member): { value: string; caret: number } {
  // Brackets in a name would end the mention early.
  const name = member.display_name.replace(/[[\]]/g, '');
  const mention = `@[${name}](user:${member.user_id}) `;
  const next = value.slice(0, query.start) + mention + value.slice(caret);
  return { value: next, caret: query.start + mention.length };
}
