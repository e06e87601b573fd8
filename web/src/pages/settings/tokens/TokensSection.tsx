import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { meQuery } from '../../../api/me';
import { apiTokensKey, apiTokensQuery, revokeApiToken, type CreatedApiToken } from '../../../api/settings-tokens';
import { showToast } from '../../../toast/toasts';
import { QueryProblem } from '../QueryProblem';
import { Skeleton } from '../../../components/Skeleton';
import { SettingsSection } from '../SettingsSection';
import { ActionProblem } from '../../../step-up/ActionProblem';
import { CreateTokenForm } from './CreateTokenForm';
import { NewTokenNotice } from './NewTokenNotice';
import { TokenItem } from './TokenItem';

export function TokensSection() {
  const queryClient = useQueryClient();
  const tokens = useQuery({ ...apiTokensQuery, throwOnError: false });
  const { data: me } = useQuery({ ...meQuery, throwOnError: false });
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const revoke = useMutation({
    mutationFn: revokeApiToken,
    onSuccess: () => showToast('Token revoked.'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiTokensKey }),
  });

  return (
    <SettingsSection
      title="API tokens"
      description="Personal tokens let scripts use the Dayline API as you, within the permissions you give them."
    >
      {created && <NewTokenNotice created={created} onDone={() => setCreated(null)} />}
      {tokens.isPending && <Skeleton label="Loading your API tokens…" rows={2} />}
      {tokens.isError && <QueryProblem error={tokens.error} onRetry={() => void tokens.refetch()} />}
      <ActionProblem mutation={revoke} />
      {tokens.data &&
        (tokens.data.length === 0 ? (
          <p className="text-sm">You have no API tokens.</p>
        ) : (
          <ul aria-label="API tokens" className="flex flex-col gap-2">
            {tokens.data.map((token) => (
              <TokenItem
                key={token.id}
                token={token}
                timeZone={me?.timezone}
                revoking={revoke.isPending && revoke.variables === token.id}
                onRevoke={() => revoke.mutate(token.id)}
              />
            ))}
          </ul>
        ))}
      {!created && <CreateTokenForm canAdminister={me?.role === 'super_admin'} onCreated={setCreated} />}
    </SettingsSection>
  );
}
