import { isStepUpRequired } from '../api/step-up';
import { ProblemNotice } from '../components/ProblemNotice';
import { StepUpPrompt } from './StepUpPrompt';

/** The parts of a TanStack mutation needed to show its failure and run it again. */
interface Retryable<TVariables> {
  error: unknown;
  variables: TVariables | undefined;
  mutate: (variables: TVariables) => void;
  reset: () => void;
}

interface ActionProblemProps<TVariables> {
  mutation: Retryable<TVariables>;
  /** Fields whose messages the form already shows next to the input. */
  shownFields?: readonly string[];
}

/**
 * Why an action failed. A refusal for want of a fresh second factor asks for one instead,
 * then repeats the action with the same input. Holds a form, so it must sit outside others.
 */
export function ActionProblem<TVariables>({ mutation, shownFields }: ActionProblemProps<TVariables>) {
  if (!mutation.error) return null;
  if (isStepUpRequired(mutation.error)) {
    return (
      <StepUpPrompt
        onProved={() => mutation.mutate(mutation.variables as TVariables)}
        onCancel={() => mutation.reset()}
      />
    );
  }
  return <ProblemNotice error={mutation.error} shownFields={shownFields} />;
}
