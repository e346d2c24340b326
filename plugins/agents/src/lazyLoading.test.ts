// Every component module records here that it was loaded; the plugin modules must load
// none of them until an extension is used (each through its import() loader).
const mockLoaded: string[] = [];
function mockComponentModule(name: string) {
  mockLoaded.push(name);
  return {};
}

jest.mock('./components/AgentsPage/AgentsPage', () =>
  mockComponentModule('AgentsPage'),
);
jest.mock('./components/AgentOverviewCard/AgentOverviewCard', () =>
  mockComponentModule('AgentOverviewCard'),
);
jest.mock('./components/AgentReadinessCard/AgentReadinessCard', () =>
  mockComponentModule('AgentReadinessCard'),
);
jest.mock('./components/McpServerAgentsCard/McpServerAgentsCard', () =>
  mockComponentModule('McpServerAgentsCard'),
);
jest.mock('./components/AgentReviewContent/AgentReviewContent', () =>
  mockComponentModule('AgentReviewContent'),
);
jest.mock('./components/AgentLifecycleContent/AgentLifecycleContent', () =>
  mockComponentModule('AgentLifecycleContent'),
);
jest.mock('./components/AgentAccessContent/AgentAccessContent', () =>
  mockComponentModule('AgentAccessContent'),
);
jest.mock('./components/AgentActivityContent/AgentActivityContent', () =>
  mockComponentModule('AgentActivityContent'),
);

describe('the plugin modules', () => {
  it('load no component until an extension is used', async () => {
    await import('./alpha');
    await import('./plugin');
    expect(mockLoaded).toEqual([]);

    // The check above sees a load: the card's loader registers one.
    await import('./components/McpServerAgentsCard');
    expect(mockLoaded).toEqual(['McpServerAgentsCard']);
  });
});
