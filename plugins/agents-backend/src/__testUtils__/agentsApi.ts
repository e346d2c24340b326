import {
  TestDatabaseId,
  TestDatabases,
  mockCredentials,
} from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { AgentEntityV1alpha1 } from '@mandate/plugin-agents-common';
import { TestClock } from '@mandate/plugin-agents-node/testUtils';
import request from 'supertest';
import { AgentsDatabase } from '../database/AgentsDatabase';
import { migrateUp } from '../database/migrate';
import { startAgentsBackend } from './backend';
import { PEOPLE, agentEntity } from './entities';
import { openReview } from './governanceSteps';

/** Who calls the API: one of {@link PEOPLE}, a gateway with a service token, or nobody. */
export type Who = keyof typeof PEOPLE | 'gateway' | 'anonymous';

/** The callers a route's status matrix lists unless it says otherwise. */
const PEOPLE_AND_ANONYMOUS: Who[] = [
  'owner',
  'otherTeam',
  'security',
  'anonymous',
];

/**
 * The agents backend on a fresh, migrated `databaseId` with `agents` as its config, called
 * over HTTP as any {@link Who}, with the steps route tests share.
 */
export async function startAgentsApi(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  agents: JsonObject,
) {
  const knex = await databases.init(databaseId);
  await migrateUp(knex);
  const clock = new TestClock();
  const server = await startAgentsBackend(knex, agents, clock);

  const header = (who: Who) => {
    if (who === 'anonymous') return undefined;
    // A gateway calls with a service token (external access), not as a user.
    if (who === 'gateway') return mockCredentials.service.header();
    return mockCredentials.user.header(PEOPLE[who].ref);
  };
  const as = (who: Who) => {
    const auth = (r: request.Test) => {
      const value = header(who);
      return value ? r.set('Authorization', value) : r;
    };
    return {
      get: (path: string) => auth(request(server).get(`/api/agents${path}`)),
      post: (path: string, body: object = {}) =>
        auth(request(server).post(`/api/agents${path}`).send(body)),
    };
  };

  /** The status of `call` for each of `callers`, keyed by caller. */
  const statuses = async (
    call: (who: Who) => Promise<request.Response>,
    callers: Who[] = PEOPLE_AND_ANONYMOUS,
  ) => {
    const result: Record<string, number> = {};
    for (const who of callers) result[who] = (await call(who)).status;
    return result;
  };

  /** Files the owner's commission of a customer-care agent; returns the request id. */
  async function fileCommission(
    name: string,
    spec: Partial<AgentEntityV1alpha1['spec']> = {},
  ) {
    const filed = await as('owner').post('/v1/requests', {
      agentRef: `agent:default/${name}`,
      type: 'commission',
      reason: 'Launch it',
      payload: { entity: agentEntity(name, spec) },
    });
    expect(filed.status).toBe(201);
    return filed.body.id as string;
  }

  /** A commissioned (active) agent of customer-care, made through the API. */
  async function commissionedAgent(
    name: string,
    spec: Partial<AgentEntityV1alpha1['spec']> = {},
  ) {
    const id = await fileCommission(name, spec);
    const approved = await as('security').post(`/v1/requests/${id}/decision`, {
      decision: 'approve',
      reason: 'fits',
    });
    expect(approved.status).toBe(200);
    return `agent:default/${name}`;
  }

  /** Security's suspension of the agent, applied at once. */
  async function suspend(name: string) {
    const res = await as('security').post('/v1/requests', {
      agentRef: `agent:default/${name}`,
      type: 'suspend',
      reason: 'Incident 42',
      payload: {},
    });
    expect(res.status).toBe(201);
  }

  const db = new AgentsDatabase(knex);
  return {
    knex,
    server,
    clock,
    as,
    statuses,
    fileCommission,
    commissionedAgent,
    suspend,
    /** Opens the agent's scope review, due when its next review is; returns its id. */
    openReview: (ref: string) => openReview({ db, clock }, ref),
  };
}

export type AgentsApi = Awaited<ReturnType<typeof startAgentsApi>>;
