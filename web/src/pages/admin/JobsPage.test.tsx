import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import { storeCsrfToken } from '../../api/csrf';
import { fakeApi, json, problem } from '../../test/fetch';
import { renderRoutes } from '../../test/render';
import { Toaster } from '../../toast/Toaster';
import { expectNoSeriousViolations } from './axe-check';
import { AdminJobsPage } from './JobsPage';
import { job, superAdmin } from './test-data';

const routes = [
  {
    path: '/admin/jobs',
    element: (
      <>
        <AdminJobsPage />
        <Toaster />
      </>
    ),
  },
];

const MAIL_ID = '0192f0c4-0000-7000-8000-0000000000c1';
const mail = job({ id: MAIL_ID, kind: 'mail.send', last_error: 'SMTP 550: mailbox unavailable' });

beforeEach(() => storeCsrfToken('csrf-1'));

describe('AdminJobsPage', () => {
  it('retries a dead job, showing why it died first', async () => {
    const api = fakeApi({
      'GET /api/v1/me': json(200, superAdmin),
      'GET /api/v1/admin/jobs': [json(200, { items: [mail] }), json(200, { items: [] })],
      [`POST /api/v1/admin/jobs/${MAIL_ID}/retry`]: new Response(null, { status: 204 }),
    });
    renderRoutes(routes, '/admin/jobs');
    const user = userEvent.setup();

    const card = within(await screen.findByRole('listitem', { name: 'mail.send' }));
    expect(card.getByText('SMTP 550: mailbox unavailable')).toBeInTheDocument();
    expect(card.getByText('5 of 5')).toBeInTheDocument();
    expect(api.callsTo('GET /api/v1/admin/jobs')[0]!.search.get('state')).toBe('dead');
    await expectNoSeriousViolations();

    await user.click(card.getByRole('button', { name: 'Retry mail.send job' }));

    expect(await screen.findByText('mail.send job queued again.')).toBeInTheDocument();
    expect(api.callsTo(`POST /api/v1/admin/jobs/${MAIL_ID}/retry`)[0]?.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(await screen.findByText(/No dead jobs/)).toBeInTheDocument();
  });

  it('discards a job only once confirmed', async () => {
    const api = fakeApi({
      'GET /api/v1/me': json(200, superAdmin),
      'GET /api/v1/admin/jobs': [json(200, { items: [mail] }), json(200, { items: [] })],
      [`DELETE /api/v1/admin/jobs/${MAIL_ID}`]: new Response(null, { status: 204 }),
    });
    renderRoutes(routes, '/admin/jobs');
    const user = userEvent.setup();

    const card = within(await screen.findByRole('listitem', { name: 'mail.send' }));
    await user.click(card.getByRole('button', { name: 'Discard mail.send job' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Discard this mail.send job?' })).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(api.callsTo(`DELETE /api/v1/admin/jobs/${MAIL_ID}`)).toHaveLength(0);

    await user.click(card.getByRole('button', { name: 'Discard mail.send job' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Discard job' }));

    expect(await screen.findByText('mail.send job discarded.')).toBeInTheDocument();
    expect(api.callsTo(`DELETE /api/v1/admin/jobs/${MAIL_ID}`)).toHaveLength(1);
  });

  it("shows the server's reason when a job cannot be retried", async () => {
    fakeApi({
      'GET /api/v1/me': json(200, superAdmin),
      'GET /api/v1/admin/jobs': json(200, { items: [mail] }),
      [`POST /api/v1/admin/jobs/${MAIL_ID}/retry`]: problem(409, 'Conflict', {
        detail: 'Only dead or failed jobs can be retried; this one is queued.',
        request_id: 'req-409',
      }),
    });
    renderRoutes(routes, '/admin/jobs');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Retry mail.send job' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('this one is queued');
    expect(alert).toHaveTextContent('Request ID: req-409');
    await waitFor(() => expect(screen.getByText('Could not retry the mail.send job.')).toBeInTheDocument());
  });
});
