/*
 * A real Mandate agents backend for the tests of enforcement points (the enforcement
 * library, the MCP gateway): in-memory SQLite, Mandate's own permission policy, a test
 * clock, mock tokens for people and for a gateway's service, listening on loopback.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
// A test harness runs the real backend plugin: the one place a library may import it.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import agentsPlugin from '@mandate/plugin-agents-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { decideAgentsPermission } from '@mandate/plugin-agents-backend/alpha';
import { AgentEntityV1alpha1 } from '@mandate/plugin-agents-common';
import { TestClock } from '@mandate/plugin-agents-node/testUtils';
import { AddressInfo } from 'node:net';

/** @public */
export const SECURITY_GROUP = 'group:default/security';

/**
 * The people of the harness and the groups they belong to.
 * @public
 */
export const PEOPLE = {
  owner: {
    ref: 'user:default/dana.lee',
    claims: ['user:default/dana.lee', 'group:default/customer-care'],
  },
  otherTeam: {
    ref: 'user:default/priya.nair',
    claims: ['user:default/priya.nair', 'group:default/platform'],
  },
  security: {
    ref: 'user:default/nina.kowalski',
    claims: ['user:default/nina.kowalski', SECURITY_GROUP],
  },
} as const;

/** @public */
export type Person = keyof typeof PEOPLE;

const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const ref = credentials.principal.userEntityRef;
      const person = Object.values(PEOPLE).find(p => p.ref === ref);
      return {
        userEntityRef: ref,
        ownershipEntityRefs: person ? [...person.claims] : [ref],
      };
    },
  }),
});

/** Users decided by Mandate's policy; services allowed, as Backstage allows them. */
const permissionsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: { userInfo: coreServices.userInfo },
  factory({ userInfo }) {
    const decide = async (
      permission: any,
      credentials: any,
    ): Promise<PolicyDecision> => {
      const principal = credentials.principal;
      if (principal.type === 'service')
        return { result: AuthorizeResult.ALLOW };
      const user =
        principal.type === 'user'
          ? { credentials, info: await userInfo.getUserInfo(credentials) }
          : undefined;
      return (
        decideAgentsPermission({ permission }, user as any, {
          adminGroupRefs: [SECURITY_GROUP],
        }) ?? { result: AuthorizeResult.DENY }
      );
    };
    const each = (requests: any[], options: any) =>
      Promise.all(requests.map(r => decide(r.permission, options.credentials)));
    return {
      authorize: each,
      authorizeConditional: each,
    } as any;
  },
});

/**
 * An Agent of customer-care, owned by {@link PEOPLE}.owner, with three tools.
 * @public
 */
export function agentEntity(
  name: string,
  spec: Partial<AgentEntityV1alpha1['spec']> = {},
): AgentEntityV1alpha1 {
  return {
    apiVersion: 'mandate.dev/v1alpha1',
    kind: 'Agent',
    metadata: { name },
    spec: {
      type: 'service-agent',
      lifecycle: 'production',
      owner: 'group:customer-care',
      sponsor: 'user:sam.ortiz',
      identity: { id: `spiffe://acme.example/agent/${name}` },
      model: {
        provider: 'anthropic',
        name: 'claude-opus-4-5',
        tier: 'frontier',
      },
      purpose: 'Resolve refund tickets within policy.',
      dataClasses: ['customer-pii', 'payment'],
      tools: [
        {
          name: 'orders.lookup',
          access: 'read',
          dataClasses: ['customer-pii'],
        },
        {
          name: 'refunds.issue',
          access: 'write',
          approval: 'human',
          dataClasses: ['payment'],
          constraints: { maxAmountUsd: 200 },
        },
        { name: 'tickets.comment', access: 'write' },
      ],
      budgets: { dailyToolCalls: 5000 },
      review: { cadence: 'P3M' },
      decommission: { criteria: 'When refunds move to v2.' },
      ...spec,
    },
  };
}

/**
 * Starts the agents backend. Its clock is `clock` (TEST_NOW unless given); scheduled tasks
 * do not run by themselves.
 * @public
 */
export async function startMandate(options: { clock?: TestClock } = {}) {
  const clock = options.clock ?? new TestClock();
  const { server } = await startTestBackend({
    features: [
      agentsPlugin,
      clock.factory(),
      userInfoFactory,
      permissionsFactory,
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          agents: { securityGroup: SECURITY_GROUP },
        },
      }),
    ],
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** Calls Mandate's API as a person (or, without one, as the gateway's service). */
  async function call(
    who: Person | 'gateway',
    method: 'GET' | 'POST',
    path: string,
    body?: object,
  ) {
    const token =
      who === 'gateway'
        ? mockCredentials.service.token()
        : mockCredentials.user.token(PEOPLE[who].ref);
    const res = await fetch(`${baseUrl}/api/agents${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!res.ok) {
      throw new Error(`${method} ${path} as ${who}: ${res.status} ${text}`);
    }
    return json;
  }

  async function fileRequest(
    who: Person,
    agentRef: string,
    type: string,
    payload: object,
  ) {
    return call(who, 'POST', '/v1/requests', {
      agentRef,
      type,
      reason: 'As the test needs',
      payload,
    });
  }

  return {
    baseUrl,
    clock,
    /** The token a gateway uses: a service's, with access to every agent. */
    serviceToken: mockCredentials.service.token(),
    call,
    /** Commissions the agent (filed by its owner, approved by security); its ref. */
    async commission(entity: AgentEntityV1alpha1): Promise<string> {
      const ref = `agent:default/${entity.metadata.name}`;
      const filed = await fileRequest('owner', ref, 'commission', { entity });
      await call('security', 'POST', `/v1/requests/${filed.id}/decision`, {
        decision: 'approve',
        reason: 'Fits policy',
      });
      return ref;
    },
    /** A behaviour certificate for the agent, as a gateway's service asks for it. */
    async certificate(agentRef: string): Promise<string> {
      const [, path] = agentRef.split(':');
      const issued = await call(
        'gateway',
        'POST',
        `/v1/agents/${path}/certificate`,
      );
      return issued.certificate;
    },
    suspend: (agentRef: string) =>
      fileRequest('security', agentRef, 'suspend', {}),
    resume: (agentRef: string) =>
      fileRequest('security', agentRef, 'resume', {}),
    /** Removes a tool from the agent's scope (a reduction applies at once). */
    async revokeTool(agentRef: string, tool: string) {
      const [, path] = agentRef.split(':');
      const { items } = await call('owner', 'GET', `/v1/agents/${path}/scopes`);
      const { dataClasses, tools } = items[0];
      return fileRequest('owner', agentRef, 'scope-change', {
        scope: {
          dataClasses,
          tools: tools.filter((t: any) => t.name !== tool),
        },
      });
    },
    approvals: (status = 'pending') =>
      call('security', 'GET', `/v1/approvals?status=${status}`),
    decideApproval: (
      who: Person,
      id: string,
      decision: 'approve' | 'deny',
      reason: string,
    ) =>
      call(who, 'POST', `/v1/approvals/${id}/decision`, { decision, reason }),
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

/** @public */
export type MandateUnderTest = Awaited<ReturnType<typeof startMandate>>;
