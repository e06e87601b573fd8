import { Button } from '../../components/Button';
import { ProblemNotice } from '../../components/ProblemNotice';

/** A section whose data did not load: the reason, and a way to ask again. */
export function QueryProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div className="flex flex-col items-start gap-2">
      <ProblemNotice error={error} />
      <Button variant="secondary" onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}
