import { useInfiniteQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';

import { auditExportHref, auditQuery } from '../../api/admin';
import { Loading } from '../../components/Loading';
import { ProblemNotice } from '../../components/ProblemNotice';
import { AuditExport } from './AuditExport';
import { AuditFilterForm } from './AuditFilterForm';
import { auditFiltersFor, auditSearchFromParams, hasAuditSearch, paramsFromAuditSearch, type AuditSearch } from './audit-search';
import { AuditTable } from './AuditTable';
import { LoadMore } from './LoadMore';
import { MUTED } from './styles';
import { SuperAdminOnly } from './SuperAdminOnly';

function AuditEntries({ search, actorHref }: { search: AuditSearch; actorHref: (actorId: string) => string }) {
  const entries = useInfiniteQuery(auditQuery(auditFiltersFor(search)));
  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-label="Audit entries" aria-busy={entries.isFetching} className="flex flex-col gap-4">
      {entries.isPending ? (
        <Loading label="Loading audit entries…" />
      ) : items.length === 0 ? (
        <p className={MUTED}>{hasAuditSearch(search) ? 'No entries match these filters.' : 'No audit entries yet.'}</p>
      ) : (
        <AuditTable entries={items} actorHref={actorHref} />
      )}
      {/* A failed first page shows the error page; a failed later one is reported here. */}
      {entries.error && entries.data && <ProblemNotice error={entries.error} />}
      <LoadMore hasNextPage={entries.hasNextPage} isFetchingNextPage={entries.isFetchingNextPage} fetchNextPage={entries.fetchNextPage} />
    </section>
  );
}

/** Who did what, newest first, filtered by what the address names. */
function Audit() {
  const [params, setParams] = useSearchParams();
  const search = auditSearchFromParams(params);
  const applied = paramsFromAuditSearch(search);
  const actorHref = (actorId: string) => `?${paramsFromAuditSearch({ ...search, actor: actorId }).toString()}`;
  return (
    <div className="flex flex-col gap-6">
      <title>Audit log · Admin · Dayline</title>
      <div className="flex flex-wrap items-start gap-3">
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <div className="w-full sm:ml-auto sm:w-auto">
          <AuditExport href={auditExportHref(auditFiltersFor(search))} />
        </div>
      </div>
      <AuditFilterForm
        key={applied.toString()}
        search={search}
        onApply={(next) => setParams(paramsFromAuditSearch(next))}
      />
      <AuditEntries search={search} actorHref={actorHref} />
    </div>
  );
}

export function AdminAuditPage() {
  return (
    <SuperAdminOnly>
      <Audit />
    </SuperAdminOnly>
  );
}
