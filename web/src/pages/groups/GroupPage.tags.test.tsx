import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import { storeCsrfToken } from '../../api/csrf';
import type { Tag } from '../../api/types';
import { fakeApi, json, problem } from '../../test/fetch';
import { renderRoutes } from '../../test/render';
import { group, GROUP_ID, groupPath, ME, routes } from './test-data';

const GROUP_URL = `/api/v1/groups/${GROUP_ID}`;
const DEFECT: Tag = { id: 'tag-defect', name: 'defect', color: '#dc2626', uses: 7 };
const BUG: Tag = { id: 'tag-bug', name: 'bug', color: '#6b7280', uses: 2 };

beforeEach(() => storeCsrfToken('csrf-1'));

describe('GroupPage tags', () => {
  it("merges a tag into another: the group's list then has only the one kept", async () => {
    const api = fakeApi({
      'GET /api/v1/me': json(200, ME),
      [`GET ${GROUP_URL}`]: json(200, group()),
      'GET /api/v1/tags': [json(200, { items: [DEFECT, BUG] }), json(200, { items: [{ ...DEFECT, uses: 9 }] })],
      'POST /api/v1/tags/tag-bug/merge': json(200, { ...DEFECT, uses: 9 }),
    });
    renderRoutes(routes, groupPath('tags'));
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Merge tag bug' }));
    const form = within(screen.getByRole('form', { name: 'Merge tag bug' }));
    await user.click(form.getByRole('button', { name: 'Merge tags' }));
    expect(await form.findByText('Pick the tag to keep.')).toBeInTheDocument();

    await user.selectOptions(form.getByLabelText('Merge “bug” into'), 'defect');
    expect(form.getByText(/The 2 tasks tagged “bug” get “defect” instead/)).toBeInTheDocument();
    await user.click(form.getByRole('button', { name: 'Merge tags' }));

    expect(await screen.findByText('Merged “bug” into “defect”.')).toBeInTheDocument();
    expect(await screen.findByText('9 tasks', { exact: false })).toBeInTheDocument();
    expect(screen.queryByText('bug')).not.toBeInTheDocument();
    expect(api.callsTo('POST /api/v1/tags/tag-bug/merge')[0]?.body).toEqual({ into: 'tag-defect' });
    expect(api.callsTo('GET /api/v1/tags')[0]?.search.get('group_id')).toBe(GROUP_ID);
  });

  it('renames a tag, and says to merge when the name is taken', async () => {
    const api = fakeApi({
      'GET /api/v1/me': json(200, ME),
      [`GET ${GROUP_URL}`]: json(200, group()),
      'GET /api/v1/tags': json(200, { items: [DEFECT, BUG] }),
      'PATCH /api/v1/tags/tag-bug': problem(409, 'Conflict', { detail: 'Another tag has this name: merge the two instead.' }),
    });
    renderRoutes(routes, groupPath('tags'));
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Edit tag bug' }));
    const form = within(screen.getByRole('form', { name: 'Edit tag bug' }));
    await user.clear(form.getByLabelText('Name'));
    await user.type(form.getByLabelText('Name'), '  Defect   ');
    await user.click(form.getByRole('button', { name: 'Save tag' }));

    expect(await form.findByRole('alert')).toHaveTextContent('merge the two instead');
    expect(api.callsTo('PATCH /api/v1/tags/tag-bug')[0]?.body).toEqual({ name: 'Defect' });
  });
});
