import { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import agentsPlugin from './alpha';
import { AgentsClockApi, agentsClockApiRef } from './api/agentsClockApiRef';
import { NOW } from './components/shared/__testUtils__/clock';

const agent: Entity = {
  apiVersion: 'mandate.dev/v1alpha1',
  kind: 'Agent',
  metadata: { name: 'refund-assistant' },
};
const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders' },
};
const apiOfType = (type: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: `${type}-api` },
  spec: { type },
});

describe('the agents plugin for the new frontend system', () => {
  it.each([
    ['entity-content:agents/activity', 'activity', 'Activity'],
    ['entity-content:agents/access', 'access', 'Access'],
    ['entity-content:agents/review', 'review', 'Review'],
    ['entity-content:agents/lifecycle', 'lifecycle', 'Lifecycle'],
  ] as const)(
    'adds %s at /%s, titled %s, to Agent entity pages only',
    (id, path, title) => {
      const tester = createExtensionTester(agentsPlugin.getExtension(id));
      expect(tester.get(coreExtensionData.routePath)).toBe(path);
      expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(title);
      const filter = tester.get(
        EntityContentBlueprint.dataRefs.filterFunction,
      )!;
      expect(filter(agent)).toBe(true);
      expect(filter(component)).toBe(false);
    },
  );

  it.each([
    'entity-card:agents/overview',
    'entity-card:agents/readiness',
  ] as const)('puts %s on the overview of Agent entity pages only', id => {
    const tester = createExtensionTester(agentsPlugin.getExtension(id));
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(agent)).toBe(true);
    expect(filter(component)).toBe(false);
  });

  it('puts the MCP server card on API entity pages of type mcp-server only', () => {
    const tester = createExtensionTester(
      agentsPlugin.getExtension('entity-card:agents/mcp-server-agents'),
    );
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(apiOfType('mcp-server'))).toBe(true);
    expect(filter(apiOfType('openapi'))).toBe(false);
    expect(filter({ ...component, spec: { type: 'mcp-server' } })).toBe(false);
    expect(filter(agent)).toBe(false);
  });

  it('reads "now" from the system clock, through an API an app may replace', () => {
    const tester = createExtensionTester(
      agentsPlugin.getExtension('api:agents/clock'),
    );
    const { api, factory } = tester.get(ApiBlueprint.dataRefs.factory);
    expect(api).toBe(agentsClockApiRef);
    jest.useFakeTimers({ now: NOW.toJSDate() });
    try {
      const clock = factory({}) as AgentsClockApi;
      expect(clock.now().toMillis()).toBe(NOW.toMillis());
    } finally {
      jest.useRealTimers();
    }
  });
});
