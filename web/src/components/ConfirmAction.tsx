import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

import { Button } from './Button';

interface ConfirmActionProps {
  /** The trigger's content; give it a name that says what it acts on (sr-only text helps). */
  trigger: ReactNode;
  /** The trigger's accessible name, when its visible text alone would be ambiguous. */
  accessibleName?: string | undefined;
  question: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  onConfirm: () => void;
}

/**
 * A button that asks before it acts, in place rather than in a modal: the question appears
 * where the person is looking, and Cancel (the safe choice) takes the focus. Cancel or
 * Escape closes it and puts the focus back on the trigger.
 */
export function ConfirmAction({ trigger, accessibleName, question, confirmLabel, pendingLabel, pending, onConfirm }: ConfirmActionProps) {
  const id = useId();
  const [asking, setAsking] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking || wasAsking.current) box.current?.querySelector<HTMLButtonElement>('[data-takes-focus]')?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <div ref={box} className="contents">
        <Button variant="secondary" data-takes-focus aria-label={accessibleName} onClick={() => setAsking(true)}>
          <span>{trigger}</span>
        </Button>
      </div>
    );
  }
  return (
    <div
      ref={box}
      role="group"
      aria-labelledby={`${id}-question`}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !pending) {
          event.stopPropagation();
          setAsking(false);
        }
      }}
      className="flex w-full flex-col gap-2 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-50"
    >
      <p id={`${id}-question`}>{question}</p>
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" onClick={onConfirm} disabled={pending}>
          {pending ? pendingLabel : confirmLabel}
        </Button>
        <Button variant="secondary" data-takes-focus onClick={() => setAsking(false)}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
