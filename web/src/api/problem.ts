import type { FieldError, Problem } from './types';

/** An error answer from the API: its RFC 9457 problem document, typed. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  /** Quote it when reporting a problem: the server logs carry the same id. */
  readonly requestId: string | undefined;
  readonly fieldErrors: readonly FieldError[];
  /** The whole document, for extension members such as `current` on a 412. */
  readonly problem: Readonly<Problem> & Record<string, unknown>;

  constructor(problem: Problem & Record<string, unknown>, requestId?: string) {
    super(problem.detail ?? problem.title);
    this.problem = problem;
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail ?? undefined;
    this.requestId = problem.request_id ?? requestId;
    this.fieldErrors = problem.errors ?? [];
  }
}

// RFC 9457 lets `type` be left out, meaning "about:blank".
type ProblemDocument = Omit<Problem, 'type'> & { type?: string } & Record<string, unknown>;

function isProblem(value: unknown): value is ProblemDocument {
  if (typeof value !== 'object' || value === null) return false;
  const { status, title, errors } = value as Record<string, unknown>;
  const validErrors =
    errors === undefined ||
    (Array.isArray(errors) &&
      errors.every((e: unknown) => {
        const item = e as Record<string, unknown> | null;
        return typeof item?.field === 'string' && typeof item.message === 'string';
      }));
  return typeof status === 'number' && typeof title === 'string' && validErrors;
}

/**
 * The error a failed response stands for. Anything between the browser and Dayline (a
 * proxy's HTML error page, a dropped body) still becomes a ProblemError with the status.
 */
export async function problemFrom(response: Response): Promise<ProblemError> {
  const requestId = response.headers.get('X-Request-Id') ?? undefined;
  const body: unknown = await response.json().catch(() => undefined);
  if (isProblem(body)) {
    return new ProblemError({ ...body, type: body.type ?? 'about:blank' }, requestId);
  }
  return new ProblemError(
    { type: 'about:blank', status: response.status, title: response.statusText || `HTTP ${response.status}` },
    requestId,
  );
}
