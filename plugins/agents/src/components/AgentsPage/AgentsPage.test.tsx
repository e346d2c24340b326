import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { AgentsApi } from '@mandate/plugin-agents-common';
import { agentsApiRef } from '../../api/agentsApiRef';
import { permissionApiAllowing } from '../shared/__testUtils__/permissions';
import { renderInAgentsTestApp } from '../shared/__testUtils__/render';
import { agent } from './__testUtils__/agentsTable';
import { AgentsPage } from './AgentsPage';

describe('AgentsPage', () => {
  it('asks for the first rows before anything else, and reads the summary once for the tiles and the data class filter', async () => {
    const calls: string[] = [];
    const called =
      <T,>(name: string, value: T) =>
      async () => {
        calls.push(name);
        return value;
      };
    const api: Partial<AgentsApi> = {
      listAgents: jest.fn(
        called('listAgents', {
          items: [agent('refund-bot')],
          totalCount: 1,
          limit: 25,
          offset: 0,
        }),
      ),
      estateSummary: jest.fn(
        called('estateSummary', {
          total: 1,
          byState: { active: 1 },
          overdueReviews: 0,
          findingsByType: {},
          agentsByDataClass: { 'customer-pii': 1, payment: 1 },
        }),
      ),
      myReviews: jest.fn(called('myReviews', { reviews: [], requests: [] })),
    };
    await renderInAgentsTestApp(
      <TestApiProvider
        apis={[
          // Calls of the page this test does not look at answer with nothing.
          [
            agentsApiRef,
            new Proxy(api, {
              get: (target, key: string) =>
                (target as any)[key] ??
                (async () => ({ items: [], totalCount: 0 })),
            }),
          ],
          [permissionApiRef, permissionApiAllowing(() => false)],
        ]}
      >
        <AgentsPage />
      </TestApiProvider>,
      {
        routeEntries: ['/agents'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    await screen.findByRole('link', { name: 'refund-bot' });
    await screen.findByRole('group', { name: 'Active' });
    await screen.findByRole('list', { name: 'Waiting for you' });
    expect(calls[0]).toBe('listAgents');
    expect(calls.filter(c => c === 'estateSummary')).toHaveLength(1);
    expect(calls).toContain('myReviews');
  });
});
