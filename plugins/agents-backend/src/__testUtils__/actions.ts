import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { TestClock } from '@mandate/plugin-agents-node/testUtils';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Knex } from 'knex';
import request from 'supertest';
import { migrateUp } from '../database/migrate';
import { startAgentsBackend } from './backend';
import { PEOPLE, SECURITY_GROUP, agentEntity } from './entities';

/** Who calls in the action tests: three people, a service (a gateway's token), nobody. */
export type Who = 'owner' | 'otherTeam' | 'security' | 'service' | 'anonymous';
export const CALLERS: Who[] = ['owner', 'otherTeam', 'security', 'service'];

/** What a call came to: its output, or the name and message of the error it raised. */
export type Outcome =
  | { ok: true; output: any }
  | { ok: false; name: string; message: string };

/** The error a REST status stands for, so that routes and actions compare. */
const STATUS_ERRORS: Record<number, string> = {
  400: 'InputError',
  401: 'AuthenticationError',
  403: 'NotAllowedError',
  404: 'NotFoundError',
  409: 'ConflictError',
};

function header(who: Who): string | undefined {
  if (who === 'anonymous') return undefined;
  if (who === 'service') return mockCredentials.service.header();
  return mockCredentials.user.header(PEOPLE[who].ref);
}

/**
 * The agents backend with Backstage's real actions registry and actions service and the
 * MCP actions plugin (`backend.actions.pluginSources: [agents]`), a recording auditor, and
 * the ways in: the REST API, the registry's invoke endpoint, and an MCP SDK client.
 */
export async function startActionsBackend(databaseId: any, databases: any) {
  const knex: Knex = await databases.init(databaseId);
  await migrateUp(knex);
  const clock = new TestClock();
  const auditor = mockServices.auditor.mock();
  const server: Server = await startAgentsBackend(
    knex,
    { securityGroup: SECURITY_GROUP },
    clock,
    {
      features: [
        actionsRegistryServiceFactory,
        actionsServiceFactory,
        mcpActionsPlugin,
        auditor.factory,
      ],
      config: { backend: { actions: { pluginSources: ['agents'] } } },
    },
  );
  const { port } = server.address() as AddressInfo;

  const auth = (who: Who, r: request.Test) => {
    const value = header(who);
    return value ? r.set('Authorization', value) : r;
  };

  /** The REST API. */
  const rest = (who: Who) => ({
    get: (path: string) => auth(who, request(server).get(`/api/agents${path}`)),
    post: (path: string, body: object) =>
      auth(who, request(server).post(`/api/agents${path}`).send(body)),
  });

  /** A REST call's outcome, in the terms of an action's. */
  async function restOutcome(res: Promise<request.Response>): Promise<Outcome> {
    const { status, body } = await res;
    if (status < 300) return { ok: true, output: body };
    return {
      ok: false,
      name: body?.error?.name ?? STATUS_ERRORS[status] ?? String(status),
      message: body?.error?.message ?? '',
    };
  }

  /** An action invoked through the actions registry's own endpoint. */
  async function invoke(
    who: Who,
    name: string,
    input: unknown,
  ): Promise<Outcome> {
    const res = await auth(
      who,
      request(server)
        .post(`/api/agents/.backstage/actions/v1/actions/agents:${name}/invoke`)
        .send(input as object),
    );
    if (res.status === 200) return { ok: true, output: res.body.output };
    return {
      ok: false,
      name: res.body.error.name,
      message: res.body.error.message,
    };
  }

  /** An MCP client connected to /api/mcp-actions/v1 as `who`. */
  async function mcp(who: Exclude<Who, 'anonymous'>) {
    const client = new Client({ name: 'mandate-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`http://localhost:${port}/api/mcp-actions/v1`),
        { requestInit: { headers: { Authorization: header(who)! } } },
      ),
    );
    return {
      client,
      /** A tool call's outcome: MCP reports errors as `Name: message` text. */
      async call(name: string, args: unknown): Promise<Outcome> {
        const result: any = await client.callTool({
          name: `agents.${name}`,
          arguments: args as Record<string, unknown>,
        });
        const text: string = result.content[0].text;
        if (!result.isError) return { ok: true, output: JSON.parse(text) };
        const separator = text.indexOf(': ');
        return {
          ok: false,
          name: text.slice(0, separator),
          message: text.slice(separator + 2),
        };
      },
      close: () => client.close(),
    };
  }

  /** Files the commission of an agent of customer-care as its owner; security decides it. */
  async function decidedCommission(
    name: string,
    decision: 'approve' | 'reject',
    reason: string,
  ) {
    const filed = await rest('owner').post('/v1/requests', {
      agentRef: `agent:default/${name}`,
      type: 'commission',
      reason: 'Launch it',
      payload: { entity: agentEntity(name) },
    });
    expect(filed.status).toBe(201);
    const decided = await rest('security').post(
      `/v1/requests/${filed.body.id}/decision`,
      { decision, reason },
    );
    expect(decided.status).toBe(200);
    return `agent:default/${name}`;
  }

  /** A commissioned agent of customer-care, made through the API. */
  const commissionedAgent = (name: string) =>
    decidedCommission(name, 'approve', 'fits');

  /** An agent of customer-care Mandate knows but has not commissioned (a rejected commission). */
  const proposedAgent = (name: string) =>
    decidedCommission(name, 'reject', 'not yet');

  return {
    knex,
    clock,
    server,
    auditor,
    rest,
    restOutcome,
    invoke,
    mcp,
    commissionedAgent,
    proposedAgent,
  };
}
