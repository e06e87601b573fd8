import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';

import { meQuery } from '../../../api/me';
import { Button } from '../../../components/Button';
import { downloadBackupCodes } from './backup-codes-file';
import './print-backup-codes.css';

interface FreshBackupCodesProps {
  codes: readonly string[];
  /** The person has saved them: they are gone from the page for good. */
  onDone: () => void;
}

/** New backup codes, shown this once, with ways to keep them. */
export function FreshBackupCodes({ codes, onDone }: FreshBackupCodesProps) {
  const id = useId();
  const { data: me } = useQuery({ ...meQuery, throwOnError: false });
  return (
    <div
      role="region"
      aria-labelledby={`${id}-heading`}
      data-print-backup-codes=""
      className="flex flex-col gap-3 rounded-md border border-indigo-300 bg-indigo-50 p-4 dark:border-indigo-800 dark:bg-indigo-950"
    >
      <h3 id={`${id}-heading`} className="font-semibold">
        Save your backup codes
      </h3>
      <p className="text-sm">
        Each code signs you in once when your authenticator app or passkey is not at hand. This is the only time
        Dayline shows them: download or print them now and keep them somewhere safe.
      </p>
      <ul aria-label="Backup codes" className="grid grid-cols-1 gap-1 font-mono text-base min-[400px]:grid-cols-2">
        {codes.map((code) => (
          <li key={code} className="select-all">
            {code}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2 print:hidden">
        <Button variant="secondary" onClick={() => downloadBackupCodes(codes, me?.email)}>
          Download
        </Button>
        <Button variant="secondary" onClick={() => window.print()}>
          Print
        </Button>
        <Button onClick={onDone}>I have saved them</Button>
      </div>
    </div>
  );
}
