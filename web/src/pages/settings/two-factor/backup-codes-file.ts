// Backup codes leave the page only as the person asks: a text file, or paper.

export const BACKUP_CODES_FILENAME = 'dayline-backup-codes.txt';

export function backupCodesText(codes: readonly string[], account: string | undefined, now = new Date()): string {
  return [
    `Dayline backup codes${account ? ` for ${account}` : ''}`,
    `Created ${now.toISOString().slice(0, 10)}`,
    '',
    'Each code signs you in once when your authenticator app or passkey is not at hand.',
    'Creating new codes makes these stop working.',
    '',
    ...codes,
    '',
  ].join('\n');
}

/** Saves the codes as a text file through a short-lived Blob URL; nothing goes to the server. */
export function downloadBackupCodes(codes: readonly string[], account: string | undefined): void {
  const url = URL.createObjectURL(new Blob([backupCodesText(codes, account)], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = BACKUP_CODES_FILENAME;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; a later revoke frees the Blob without racing it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
