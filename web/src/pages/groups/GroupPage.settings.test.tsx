import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import { storeCsrfToken } from '../../api/csrf';
import type { UpdateGroupRequest } from '../../api/group-types';
import { fakeApi, json, problem, type Call } from '../../test/fetch';
import { renderRoutes } from '../../test/render';
import { group, GROUP_ID, groupPath, ME, routes } from './test-data';

const GROUP_URL = `/api/v1/groups/${GROUP_ID}`;

function mfaStatus(has: { totp_enabled?: boolean; backup_codes_remaining?: number }) {
  return { totp_enabled: false, passkeys: 0, backup_codes_remaining: 0, enrolment_required: false, ...has };
}

beforeEach(() => storeCsrfToken('csrf-1'));

function settingsForm() {
  return screen.findByRole('form', { name: 'Group settings' }).then((form) => within(form));
}

describe('GroupPage settings', () => {
  it('saves a new time zone, times and check-in days, sending only what changed', async () => {
    const api = fakeApi({
      'GET /api/v1/me': json(200, ME),
      [`GET ${GROUP_URL}`]: json(200, group()),
      [`PATCH ${GROUP_URL}`]: (call: Call) => json(200, group({ ...(call.body as UpdateGroupRequest as object) })),
    });
    renderRoutes(routes, groupPath('settings'));
    const user = userEvent.setup();
    const form = await settingsForm();

    await user.type(form.getByLabelText('Search time zones'), 'new york');
    expect(form.getByText('1 zone matches')).toBeInTheDocument();
    await user.selectOptions(form.getByLabelText('Time zone'), 'America/New_York');
    fireEvent.change(form.getByLabelText('Check-in reminder'), { target: { value: '17:30' } });
    await user.click(form.getByRole('checkbox', { name: 'Friday' }));
    await user.click(form.getByRole('checkbox', { name: 'Saturday' }));

    // The viewer's clock (UTC in the tests) differs from the group's now.
    expect(form.getByLabelText('Check-in reminder')).toHaveAccessibleDescription(/^17:30 in America\/New_York — \d\d:30 your time/);

    await user.click(form.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('Group settings saved.')).toBeInTheDocument();
    expect(api.callsTo(`PATCH ${GROUP_URL}`)[0]?.body).toEqual({
      timezone: 'America/New_York',
      checkin_time: '17:30',
      checkin_days: ['mon', 'tue', 'wed', 'thu', 'sat'],
    });
    expect(form.getByRole('checkbox', { name: 'Saturday' })).toBeChecked();
    expect(form.getByRole('checkbox', { name: 'Friday' })).not.toBeChecked();
  });

  it('needs at least one check-in day and a 24-hour time before sending', async () => {
    const api = fakeApi({
      'GET /api/v1/me': json(200, ME),
      [`GET ${GROUP_URL}`]: json(200, group({ checkin_days: ['mon'] })),
    });
    renderRoutes(routes, groupPath('settings'));
    const user = userEvent.setup();
    const form = await settingsForm();

    await user.click(form.getByRole('checkbox', { name: 'Monday' }));
    fireEvent.change(form.getByLabelText('Daily summary'), { target: { value: '' } });
    await user.click(form.getByRole('button', { name: 'Save settings' }));

    expect(await form.findByText('Pick at least one day.')).toBeInTheDocument();
    expect(form.getByText('Enter a 24-hour time like 09:00.')).toBeInTheDocument();
    expect(api.callsTo(`PATCH ${GROUP_URL}`)).toHaveLength(0);
  });

  it("puts the server's field errors next to the fields", async () => {
    fakeApi({
      'GET /api/v1/me': json(200, ME),
      [`GET ${GROUP_URL}`]: json(200, group()),
      [`PATCH ${GROUP_URL}`]: problem(422, 'Unprocessable Entity', {
        detail: 'One or more fields are invalid.',
        errors: [{ field: 'slug', message: 'is already taken by another group' }],
      }),
    });
    renderRoutes(routes, groupPath('settings'));
    const user = userEvent.setup();
    const form = await settingsForm();

    await user.clear(form.getByLabelText('Slug'));
    await user.type(form.getByLabelText('Slug'), 'ops');
    await user.click(form.getByRole('button', { name: 'Save settings' }));

    expect(await form.findByText('is already taken by another group')).toBeInTheDocument();
    expect(form.getByRole('alert')).toHaveTextContent('One or more fields are invalid.');
  });

  it('deletes the group after a second-factor check and goes back to the list', async () => {
    const api = fakeApi({
      'GET /api/v1/me': json(200, ME),
      'GET /api/v1/me/mfa': json(200, mfaStatus({ totp_enabled: true })),
      'GET /api/v1/groups': json(200, { items: [] }),
      [`GET ${GROUP_URL}`]: json(200, group()),
      'POST /api/v1/auth/step-up': [
        problem(422, 'Unprocessable Entity', { errors: [{ field: 'code', message: 'is not a valid second factor' }] }),
        new Response(null, { status: 204 }),
      ],
      [`DELETE ${GROUP_URL}`]: new Response(null, { status: 204 }),
    });
    const { router } = renderRoutes(routes, groupPath('settings'));
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Delete group…' }));
    const form = within(screen.getByRole('form', { name: 'Delete Platform team' }));
    await user.type(form.getByLabelText('Type “Platform team” to confirm'), 'Platform');
    await user.type(form.getByLabelText('Code from your authenticator app'), '123 456');
    await user.click(form.getByRole('button', { name: 'Delete group' }));
    expect(await form.findByText('Type the group’s name exactly as shown.')).toBeInTheDocument();

    await user.type(form.getByLabelText('Type “Platform team” to confirm'), ' team');
    await user.click(form.getByRole('button', { name: 'Delete group' }));
    expect(await form.findByText('is not a valid second factor')).toBeInTheDocument();
    expect(api.callsTo(`DELETE ${GROUP_URL}`)).toHaveLength(0);

    await user.click(form.getByRole('button', { name: 'Delete group' }));

    expect(await screen.findByText('“Platform team” deleted. A super admin can restore it within 30 days.')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/groups');
    expect(api.callsTo('POST /api/v1/auth/step-up').map((c) => c.body)).toEqual([{ code: '123456' }, { code: '123456' }]);
    expect(api.callsTo(`DELETE ${GROUP_URL}`)).toHaveLength(1);
  });

  it('offers only the second factors the account has', async () => {
    fakeApi({
      'GET /api/v1/me': json(200, ME),
      'GET /api/v1/me/mfa': json(200, mfaStatus({ backup_codes_remaining: 3 })),
      [`GET ${GROUP_URL}`]: json(200, group()),
    });
    renderRoutes(routes, groupPath('settings'));
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Delete group…' }));

    const form = within(await screen.findByRole('form', { name: 'Delete Platform team' }));
    expect(form.getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['backup_code']);
    expect(form.getByRole('radio', { name: 'Backup code' })).toBeChecked();
    expect(form.getByRole('textbox', { name: 'Backup code' })).toBeInTheDocument();
  });

  it('says what to set up first when the account has no second factor', async () => {
    const api = fakeApi({
      'GET /api/v1/me': json(200, ME),
      'GET /api/v1/me/mfa': json(200, mfaStatus({})),
      [`GET ${GROUP_URL}`]: json(200, group()),
    });
    renderRoutes(routes, groupPath('settings'));
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Delete group…' }));

    expect(await screen.findByText(/your account has none this browser can use/)).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Delete Platform team' })).not.toBeInTheDocument();
    expect(api.callsTo(`DELETE ${GROUP_URL}`)).toHaveLength(0);
  });

  it('lets a super admin restore a deleted group', async () => {
    const deleted = group({ my_role: null, deleted_at: '2026-11-05T12:00:00Z' });
    const api = fakeApi({
      'GET /api/v1/me': json(200, { ...ME, role: 'super_admin' }),
      'GET /api/v1/groups': json(200, { items: [] }),
      [`GET ${GROUP_URL}`]: [json(200, deleted), json(200, group({ my_role: null }))],
      [`POST ${GROUP_URL}/restore`]: json(200, group({ my_role: null })),
      [`GET ${GROUP_URL}/members`]: json(200, []),
    });
    renderRoutes(routes, groupPath());
    const user = userEvent.setup();

    expect(await screen.findByText(/This group was deleted on/)).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Restore group' }));

    expect(await screen.findByText('“Platform team” is back.')).toBeInTheDocument();
    expect(await screen.findByRole('navigation', { name: 'Group sections' })).toBeInTheDocument();
    expect(api.callsTo(`POST ${GROUP_URL}/restore`)).toHaveLength(1);
  });
});
