import type { ApiToken } from '../../../api/settings-tokens';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { formatDate } from '../format';

const SCOPE_LABELS = { read: 'Read', write: 'Write', admin: 'Administer' } as const;

interface TokenItemProps {
  token: ApiToken;
  timeZone: string | undefined;
  revoking: boolean;
  onRevoke: () => void;
}

export function TokenItem({ token, timeZone, revoking, onRevoke }: TokenItemProps) {
  const details = [
    `Created ${formatDate(token.created_at, timeZone)}`,
    token.last_used_at ? `last used ${formatDate(token.last_used_at, timeZone)}` : 'never used',
    token.expires_at ? `expires ${formatDate(token.expires_at, timeZone)}` : 'does not expire',
  ];
  return (
    <li className="flex flex-col gap-2 rounded-md border border-zinc-200 p-3 sm:flex-row sm:items-center dark:border-zinc-800">
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="font-medium break-words">{token.name}</p>
        <ul aria-label="Permissions" className="flex flex-wrap gap-1">
          {token.scopes.map((scope) => (
            <li key={scope} className="rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium dark:bg-zinc-800">
              {SCOPE_LABELS[scope]}
            </li>
          ))}
        </ul>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{details.join(' · ')}</p>
      </div>
      <ConfirmAction
        trigger="Revoke"
        accessibleName={`Revoke ${token.name}`}
        question={`Revoke “${token.name}”? Whatever uses it is refused from now on.`}
        confirmLabel="Revoke token"
        pendingLabel="Revoking…"
        pending={revoking}
        onConfirm={onRevoke}
      />
    </li>
  );
}
