import { ProblemError } from '../api/problem';

interface ProblemNoticeProps {
  error: unknown;
  /** Fields whose messages the form already shows next to the input. */
  shownFields?: readonly string[];
}

/** What went wrong, in the server's words, with the request id to quote when reporting it. */
export function ProblemNotice({ error, shownFields = [] }: ProblemNoticeProps) {
  const box =
    'rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100';
  if (!(error instanceof ProblemError)) {
    const message = error instanceof Error ? error.message : 'Something went wrong.';
    return (
      <div role="alert" className={box}>
        <p>{message}</p>
      </div>
    );
  }
  const fieldErrors = error.fieldErrors.filter((e) => !shownFields.includes(e.field));
  return (
    <div role="alert" className={box}>
      <p className="font-medium">{error.detail ?? error.title}</p>
      {fieldErrors.length > 0 && (
        <ul className="mt-2 list-disc pl-5">
          {fieldErrors.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              <span className="font-mono">{e.field}</span> {e.message}
            </li>
          ))}
        </ul>
      )}
      {error.requestId && (
        <p className="mt-2 text-xs">
          Request ID: <span className="font-mono select-all">{error.requestId}</span>
        </p>
      )}
    </div>
  );
}
