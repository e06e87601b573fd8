import { useSearchParams } from 'react-router';

import { AppearanceSection } from './AppearanceSection';
import { EnrolmentRequired } from './EnrolmentRequired';
import { PasskeysSection } from './passkeys/PasskeysSection';
import { PasswordSection } from './password/PasswordSection';
import { ProfileSection } from './profile/ProfileSection';
import { SessionsSection } from './sessions/SessionsSection';
import { SETTINGS_SECTIONS, sectionFrom, type SettingsSectionId } from './settings-sections';
import { SettingsNav } from './SettingsNav';
import { TokensSection } from './tokens/TokensSection';
import { AuthenticatorSection } from './two-factor/AuthenticatorSection';
import { BackupCodesSection } from './two-factor/BackupCodesSection';

function SectionContent({ section }: { section: SettingsSectionId }) {
  switch (section) {
    case 'profile':
      return (
        <>
          <ProfileSection />
          <AppearanceSection />
        </>
      );
    case 'security':
      return (
        <>
          <PasswordSection />
          <AuthenticatorSection />
          <PasskeysSection />
          <BackupCodesSection />
        </>
      );
    case 'sessions':
      return <SessionsSection />;
    case 'tokens':
      return <TokensSection />;
  }
}

export function SettingsPage() {
  const [params] = useSearchParams();
  const section = sectionFrom(params.get('section'));
  const label = SETTINGS_SECTIONS.find((s) => s.id === section)?.label;

  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <title>{`${label} · Settings · Dayline`}</title>
      <h1 className="text-2xl font-semibold">Settings</h1>
      <EnrolmentRequired current={section} />
      <div className="flex flex-col gap-6 md:grid md:grid-cols-[12rem_minmax(0,1fr)] md:gap-8">
        <SettingsNav current={section} />
        <div key={section} className="flex max-w-2xl min-w-0 flex-col gap-8">
          <SectionContent section={section} />
        </div>
      </div>
    </div>
  );
}
