import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { renderInAgentsTestApp } from '../shared/__testUtils__/render';
import { McpServerAgentsCard } from './McpServerAgentsCard';

const server: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'k8s-mcp', namespace: 'default' },
  spec: {
    type: 'mcp-server',
    lifecycle: 'production',
    owner: 'group:platform',
    remotes: [],
  },
  relations: [
    { type: 'apiConsumedBy', targetRef: 'agent:default/incident-responder' },
    { type: 'apiProvidedBy', targetRef: 'component:default/k8s' },
  ],
};

const responder = {
  apiVersion: 'mandate.dev/v1alpha1',
  kind: 'Agent',
  metadata: { name: 'incident-responder', namespace: 'default' },
  spec: {
    type: 'service-agent',
    lifecycle: 'production',
    owner: 'group:platform',
    identity: { id: 'spiffe://acme.example/agent/incident-responder' },
    model: { provider: 'anthropic', name: 'claude-opus-4-5', tier: 'frontier' },
    purpose: 'Diagnose alerts.',
    tools: [
      { name: 'k8s.pods.list', api: 'api:k8s-mcp', access: 'read' },
      { name: 'logs.search', api: 'api:logs-mcp', access: 'read' },
      {
        name: 'k8s.namespace.delete',
        api: 'api:default/k8s-mcp',
        access: 'destructive',
      },
    ],
  },
};

async function render(entity: Entity, getEntitiesByRefs: jest.Mock) {
  return renderInAgentsTestApp(
    <TestApiProvider apis={[[catalogApiRef, { getEntitiesByRefs }]]}>
      <EntityProvider entity={entity}>
        <McpServerAgentsCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('McpServerAgentsCard', () => {
  it('lists the agents reaching the server with the tools and access they have there', async () => {
    const getEntitiesByRefs = jest
      .fn()
      .mockResolvedValue({ items: [responder] });
    await render(server, getEntitiesByRefs);
    const table = await screen.findByRole('table', {
      name: 'Agents reaching this server',
    });
    expect(getEntitiesByRefs).toHaveBeenCalledWith({
      entityRefs: ['agent:default/incident-responder'],
    });
    const [, row] = within(table).getAllByRole('row');
    expect(within(row).getByText('k8s.pods.list: read')).toBeInTheDocument();
    expect(
      within(row).getByText('k8s.namespace.delete: destructive'),
    ).toBeInTheDocument();
    expect(within(row).queryByText(/logs.search/)).toBeNull();
  });

  it('says so when no agent reaches the server', async () => {
    const getEntitiesByRefs = jest.fn();
    await render({ ...server, relations: [] }, getEntitiesByRefs);
    expect(
      await screen.findByText("No agent's tool manifest reaches this server."),
    ).toBeInTheDocument();
    expect(getEntitiesByRefs).not.toHaveBeenCalled();
  });
});
