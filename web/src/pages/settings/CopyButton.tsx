import { Button } from '../../components/Button';
import { showToast } from '../../toast/toasts';

interface CopyButtonProps {
  text: string;
  /** The button's accessible name, e.g. "Copy the token". */
  label: string;
}

export function CopyButton({ text, label }: CopyButtonProps) {
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      showToast('Copied to the clipboard.');
    } catch {
      // Outside a secure context, or without permission, there is no clipboard to write.
      showToast('Could not copy. Select the text and copy it yourself.', 'error');
    }
  }
  return (
    <Button variant="secondary" aria-label={label} onClick={() => void copy()}>
      Copy
    </Button>
  );
}
