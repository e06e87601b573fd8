import { useId, useState } from 'react';

import type { Group } from '../../../api/types';
import { Button } from '../../../components/Button';
import { DeleteGroupForm } from './DeleteGroupForm';

export function DeleteGroupSection({ group, staysVisible }: { group: Group; staysVisible: boolean }) {
  const headingId = useId();
  const formId = useId();
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3 rounded-md border border-red-300 p-4 dark:border-red-800">
      <h3 id={headingId} className="text-base font-semibold">
        Delete this group
      </h3>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        Members lose access to the group and its tasks at once. A super admin can restore it within 30 days; after that it
        is gone for good. Deleting asks for your second factor again.
      </p>
      <Button variant="secondary" className="self-start" aria-expanded={open} aria-controls={formId} onClick={() => setOpen((o) => !o)}>
        Delete group…
      </Button>
      <div id={formId} className="contents">
        {open && <DeleteGroupForm group={group} staysVisible={staysVisible} />}
      </div>
    </section>
  );
}
