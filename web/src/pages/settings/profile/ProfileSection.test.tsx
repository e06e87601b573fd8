import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { fakeApi, json, problem } from '../../../test/fetch';
import { accountRoutes, me, renderSettings } from '../test-kit';

describe('Profile', () => {
  it('saves the display name and time zone, and says so', async () => {
    const api = fakeApi({
      ...accountRoutes(),
      'PATCH /api/v1/me': ({ body }) => json(200, { ...me, ...(body as object) }),
    });
    renderSettings('profile');
    const user = userEvent.setup();

    const name = await screen.findByLabelText('Display name');
    expect(screen.getByText('ana@example.com')).toBeInTheDocument();
    await user.clear(name);
    await user.type(name, '  Ana Maria Lima ');
    const zone = screen.getByLabelText('Time zone');
    await user.clear(zone);
    await user.type(zone, 'America/Sao_Paulo');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));

    expect(await screen.findByText('Profile saved.')).toBeInTheDocument();
    expect(api.callsTo('PATCH /api/v1/me')[0]?.body).toEqual({
      display_name: 'Ana Maria Lima',
      timezone: 'America/Sao_Paulo',
    });
    expect(screen.getByLabelText('Display name')).toHaveValue('Ana Maria Lima');
  });

  it('offers the IANA zones to pick from and refuses anything else before asking the server', async () => {
    const api = fakeApi(accountRoutes());
    renderSettings('profile');
    const user = userEvent.setup();

    const zone = await screen.findByLabelText('Time zone');
    const options = [...document.querySelectorAll(`#${CSS.escape(zone.getAttribute('list')!)} option`)];
    expect(options.map((o) => o.getAttribute('value'))).toContain('Asia/Tokyo');
    await user.clear(zone);
    await user.type(zone, 'Mars/Olympus');
    await user.clear(screen.getByLabelText('Display name'));
    await user.click(screen.getByRole('button', { name: 'Save profile' }));

    expect(await screen.findByText('Choose a time zone from the list, like Europe/Berlin.')).toBeInTheDocument();
    expect(screen.getByText('Enter your name.')).toBeInTheDocument();
    expect(zone).toHaveAttribute('aria-invalid', 'true');
    expect(api.callsTo('PATCH /api/v1/me')).toHaveLength(0);
  });

  it("puts the server's field errors next to the fields", async () => {
    fakeApi({
      ...accountRoutes(),
      'PATCH /api/v1/me': problem(422, 'Unprocessable Entity', {
        detail: 'One or more fields are invalid.',
        errors: [{ field: 'timezone', message: '`Europe/Berlin` is not an IANA time zone like Europe/Berlin' }],
      }),
    });
    renderSettings('profile');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Save profile' }));

    const zone = screen.getByLabelText('Time zone');
    expect(await screen.findByText('`Europe/Berlin` is not an IANA time zone like Europe/Berlin')).toBeInTheDocument();
    expect(zone).toHaveAttribute('aria-invalid', 'true');
    expect(zone).toHaveAccessibleDescription(expect.stringContaining('is not an IANA time zone'));
    // The notice keeps the summary and the request id, without repeating the field's message.
    expect(screen.getByRole('alert')).toHaveTextContent('Request ID: req-1');
    expect(screen.getByRole('alert')).not.toHaveTextContent('IANA');
  });
});
