import { ThemePicker } from '../../theme/ThemePicker';
import { SettingsSection } from './SettingsSection';

export function AppearanceSection() {
  return (
    <SettingsSection title="Appearance" description="Kept on this device only.">
      <ThemePicker />
    </SettingsSection>
  );
}
