import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

import { ProblemError } from '../../api/problem';
import { Button } from '../../components/Button';
import { ProblemNotice } from '../../components/ProblemNotice';
import { NotFoundPage } from './NotFoundPage';

function heading(error: unknown): string {
  if (error instanceof ProblemError) return `${error.status} ${error.title}`;
  return 'Something went wrong';
}

function Content() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <div className="flex max-w-xl flex-col gap-4">
      <title>Something went wrong · Dayline</title>
      <h1 className="text-2xl font-semibold">{heading(error)}</h1>
      <ProblemNotice error={error} />
      <div className="flex flex-wrap gap-3">
        {/* A reload also fetches pages that a newer release renamed. */}
        <Button onClick={() => window.location.reload()}>Reload</Button>
        <Link to="/" className="inline-flex min-h-10 items-center rounded-md px-4 text-sm font-medium underline">
          Go to Home
        </Link>
      </div>
    </div>
  );
}

/** The route error boundary. `standalone` when no shell (and so no `<main>`) surrounds it. */
export function ErrorPage({ standalone = false }: { standalone?: boolean }) {
  if (!standalone) return <Content />;
  return (
    <main className="mx-auto min-h-dvh max-w-xl p-6 pt-16">
      <Content />
    </main>
  );
}
