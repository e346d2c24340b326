import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { AgentSummary, AgentsApi } from '@mandate/plugin-agents-common';
import { useLocation, useNavigate } from 'react-router-dom';
import { agentsApiRef } from '../../../api/agentsApiRef';
import { NOW } from '../../shared/__testUtils__/clock';
import { permissionApiAllowing } from '../../shared/__testUtils__/permissions';
import { renderInAgentsTestApp } from '../../shared/__testUtils__/render';
import { AgentsTable } from '../AgentsTable';

// The estate table in a test app, what it lists, and the URL it keeps its view in.

/** When every listed agent's review is due unless a test says otherwise. */
export const reviewDueAt = NOW.plus({ days: 25 }).toISO()!;

/** An agent as the estate list returns it: active, owned by customer-care. */
export const agent = (
  name: string,
  overrides: Partial<AgentSummary> = {},
): AgentSummary => ({
  entityRef: `agent:default/${name}`,
  name,
  namespace: 'default',
  ownerRef: 'group:default/customer-care',
  state: 'active',
  inCatalog: true,
  modelTier: 'standard',
  highestAccess: 'write',
  dataClasses: ['customer-pii'],
  reviewStatus: 'not-due',
  reviewDueAt,
  reviewOverdueDays: 0,
  openRequests: 0,
  openFindings: 1,
  openFindingsBySeverity: { critical: 0, high: 1, medium: 0, low: 0 },
  stateChangedAt: NOW.minus({ days: 70 }).toISO()!,
  ...overrides,
});

/** The browser around the table: its URL's search params and its back button. */
function Browser() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <output data-testid="url">{location.search}</output>
      <button onClick={() => navigate(-1)}>Back</button>
    </>
  );
}

/** The search params the browser shows, as an object. */
export const urlParams = () =>
  Object.fromEntries(
    new URLSearchParams(screen.getByTestId('url').textContent ?? ''),
  );

/**
 * Renders the estate table with the given API calls, and the {@link Browser} beside it.
 *
 * Tests find the controls they use before they use them: a query by role after the page
 * changed makes jsdom restyle it, the slowest step of these tests.
 */
export function renderAgentsTable(
  listAgents: jest.Mock,
  exportAgentsCsv: jest.Mock = jest.fn(),
  options: {
    fileRequest?: jest.Mock;
    /** Agents the signed-in person may suspend and resume; none by default. */
    mayContain?: (agentRef?: string) => boolean;
    estateSummary?: jest.Mock;
    onChanged?: () => void;
    /** Where the browser opens the view. */
    url?: string;
  } = {},
) {
  const {
    fileRequest = jest.fn(),
    mayContain = () => false,
    estateSummary = jest.fn().mockResolvedValue({ agentsByDataClass: {} }),
  } = options;
  return renderInAgentsTestApp(
    <TestApiProvider
      apis={[
        [
          agentsApiRef,
          {
            listAgents,
            exportAgentsCsv,
            fileRequest,
            estateSummary,
          } as Partial<AgentsApi>,
        ],
        [
          permissionApiRef,
          permissionApiAllowing(
            (permission, ref) =>
              permission === 'agents.agent.contain' && mayContain(ref),
          ),
        ],
      ]}
    >
      <AgentsTable onChanged={options.onChanged} />
      <Browser />
    </TestApiProvider>,
    {
      routeEntries: [options.url ?? '/agents'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** One page of a 1000-agent estate, as every call returns it. */
export const onePage = () =>
  jest.fn().mockResolvedValue({
    items: [agent('a')],
    totalCount: 1000,
    limit: 25,
    offset: 0,
  });

/** A link to the view with every filter set, sorted by maturity (descending), on page 3 of 50 rows. */
export const FILTERED_URL =
  '/agents?q=refund&state=suspended&reviewStatus=overdue&modelTier=frontier' +
  '&highestAccess=destructive&dataClass=payment&findingSeverity=critical' +
  '&maturityBelow=70&orderBy=maturityScore&order=desc&page=2&rowsPerPage=50';
/** The filters {@link FILTERED_URL} asks the server for. */
export const FILTERED_QUERY = {
  q: 'refund',
  state: 'suspended',
  reviewStatus: 'overdue',
  modelTier: 'frontier',
  highestAccess: 'destructive',
  dataClass: 'payment',
  findingSeverity: 'critical',
  maturityBelow: 70,
};
