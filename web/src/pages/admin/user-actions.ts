// What a super admin can do to another account, with the words each step shows.
import { resetUserMfa, unlockUser, updateAdminUser, type AdminUser } from '../../api/admin';

export type UserAction = 'deactivate' | 'reactivate' | 'promote' | 'demote' | 'unlock' | 'reset-mfa';

interface Confirmation {
  title: string;
  body: string;
  confirmLabel: string;
}

interface UserActionSpec {
  label: string;
  run: (userId: string) => Promise<unknown>;
  done: (name: string) => string;
  failed: (name: string) => string;
  /** Asked before actions that end sessions, remove factors or hand out power. */
  confirm?: (name: string) => Confirmation;
}

export const USER_ACTIONS: Readonly<Record<UserAction, UserActionSpec>> = {
  deactivate: {
    label: 'Deactivate',
    run: (id) => updateAdminUser(id, { is_active: false }),
    done: (name) => `${name} deactivated.`,
    failed: (name) => `Could not deactivate ${name}.`,
    confirm: (name) => ({
      title: `Deactivate ${name}?`,
      body: `${name} is signed out everywhere at once and cannot sign in until reactivated. Their tasks and memberships stay.`,
      confirmLabel: 'Deactivate',
    }),
  },
  reactivate: {
    label: 'Reactivate',
    run: (id) => updateAdminUser(id, { is_active: true }),
    done: (name) => `${name} reactivated.`,
    failed: (name) => `Could not reactivate ${name}.`,
  },
  promote: {
    label: 'Make super admin',
    run: (id) => updateAdminUser(id, { role: 'super_admin' }),
    done: (name) => `${name} is now a super admin.`,
    failed: (name) => `Could not make ${name} a super admin.`,
    confirm: (name) => ({
      title: `Make ${name} a super admin?`,
      body: `${name} will manage every account, read the audit log and act on every group.`,
      confirmLabel: 'Make super admin',
    }),
  },
  demote: {
    label: 'Remove super admin',
    run: (id) => updateAdminUser(id, { role: 'user' }),
    done: (name) => `${name} is no longer a super admin.`,
    failed: (name) => `Could not change ${name}'s role.`,
    confirm: (name) => ({
      title: `Remove ${name}'s super admin role?`,
      body: `${name} keeps their account and group memberships, but loses the admin pages.`,
      confirmLabel: 'Remove super admin',
    }),
  },
  unlock: {
    label: 'Unlock sign-in',
    run: (id) => unlockUser(id),
    done: (name) => `${name} can sign in again.`,
    failed: (name) => `Could not unlock ${name}.`,
  },
  'reset-mfa': {
    label: 'Reset second factors',
    run: (id) => resetUserMfa(id),
    done: (name) => `${name}'s second factors were removed.`,
    failed: (name) => `Could not reset ${name}'s second factors.`,
    confirm: (name) => ({
      title: `Reset ${name}'s second factors?`,
      body: `This removes ${name}'s authenticator app, passkeys and backup codes and signs them out everywhere. They are told by e-mail.`,
      confirmLabel: 'Reset second factors',
    }),
  },
};

/** The actions that make sense for `user` now, in the order they are offered. */
export function actionsFor(user: AdminUser): UserAction[] {
  return [
    user.role === 'super_admin' ? 'demote' : 'promote',
    'unlock',
    'reset-mfa',
    user.is_active ? 'deactivate' : 'reactivate',
  ];
}
