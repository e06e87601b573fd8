import { useEffect, useRef } from 'react';

/**
 * Opens a `<dialog>` as a modal while `open` is true (the browser then traps the focus and
 * closes it on Escape) and closes it when `open` turns false. `onOpen` runs each time it opens,
 * after it is shown, to reset a form or focus a field.
 */
export function useModalDialog(open: boolean, onOpen?: () => void) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opened = useRef(onOpen);
  useEffect(() => {
    opened.current = onOpen;
  });
  useEffect(() => {
    const box = dialog.current;
    if (!box) return;
    if (open && !box.open) {
      box.showModal();
      opened.current?.();
    } else if (!open && box.open) box.close();
  }, [open]);
  return dialog;
}
