import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { TEST_NOW, TestClock } from '@mandate/plugin-agents-node/testUtils';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { DateTime } from 'luxon';
import { execFile } from 'node:child_process';
import { resolve as resolvePath } from 'node:path';
import { AgentsDatabase } from '../database/AgentsDatabase';
import { migrateUp } from '../database/migrate';
import { agentsPlugin } from '../plugin';
import { insertActiveAgent } from './activeAgent';
import { agentEntity } from './entities';
import { testUserInfoFactory } from './permissions';

// A backend with the OTLP receiver, what a gateway sends to it, and what it reads back.

export const GATEWAY_TOKEN = 'mandate-test-gateway-token-4f9c2a7e1b';
export const MAX_BODY_BYTES = 64 * 1024;
export const REFUNDS = 'spiffe://acme.example/agent/refund-assistant';
export const TELEMETRY_TABLES = [
  'telemetry_events',
  'telemetry_rollups',
  'telemetry_models',
  'telemetry_grants',
  'telemetry_sources',
];

/** The agents backend with Backstage's real token handling and a gateway's static token. */
export async function startReceiver(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  clock = new TestClock(),
  agents: JsonObject = {},
) {
  const knex = await databases.init(databaseId);
  await migrateUp(knex);
  await insertActiveAgent(
    new AgentsDatabase(knex),
    agentEntity('refund-assistant'),
  );
  const base = await receiverBackend(knex, clock, agents);
  return { knex, base };
}

/** One more backend replica on the same database: the base URL of its agents API. */
export async function receiverBackend(
  knex: Knex,
  clock: TestClock,
  agents: JsonObject = {},
) {
  const { server } = await startTestBackend({
    features: [
      agentsPlugin,
      clock.factory(),
      // Backstage's real token handling, so that external-access tokens work as in production.
      authServiceFactory,
      httpAuthServiceFactory,
      testUserInfoFactory,
      mockServices.database.factory({ knex, migrations: { skip: true } }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: GATEWAY_TOKEN, subject: 'agent-gateway' },
                },
              ],
            },
          },
          agents: { ...agents, otlp: { maxBodySize: MAX_BODY_BYTES } },
        },
      }),
    ],
  });
  return `http://localhost:${server.port()}/api/agents`;
}

export const auth = { Authorization: `Bearer ${GATEWAY_TOKEN}` };

export async function rowCounts(knex: Knex) {
  const counts: Record<string, number> = {};
  for (const table of TELEMETRY_TABLES) {
    const [{ n }] = await knex(table).count({ n: '*' });
    counts[table] = Number(n);
  }
  return counts;
}
export const EMPTY = Object.fromEntries(TELEMETRY_TABLES.map(t => [t, 0]));

export type SpanSpec = {
  /** To name it as another span's parent, or in a batch. */
  id?: string;
  /** The id of its parent span: the SDK creates it as a child in the same trace. */
  parent?: string;
  kind?: 'INTERNAL' | 'SERVER' | 'CLIENT';
  name: string;
  start: string;
  durationMs?: number;
  attributes: Record<string, string | number>;
  error?: boolean;
};

/** The spans exported in one request, to the backend at `url` (else the default url). */
export type SpanBatch = { ids: string[]; url?: string };

type ExportResult = { code: number; error?: string };

/**
 * What a gateway would export: spans made and exported by the real OpenTelemetry SDK, in a
 * child process (see __testUtils__/export-with-sdk.mjs). Resolves with the exporter's result.
 */
export function exportWithSdk(options: {
  protocol: 'protobuf' | 'json';
  url: string;
  gzip?: boolean;
  spans: SpanSpec[];
}): Promise<ExportResult>;
export function exportWithSdk(options: {
  protocol: 'protobuf' | 'json';
  url: string;
  gzip?: boolean;
  spans: SpanSpec[];
  batches: SpanBatch[];
}): Promise<ExportResult[]>;
export function exportWithSdk(options: {
  protocol: 'protobuf' | 'json';
  url: string;
  gzip?: boolean;
  spans: SpanSpec[];
  batches?: SpanBatch[];
}): Promise<ExportResult | ExportResult[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [resolvePath(__dirname, 'export-with-sdk.mjs')],
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`${error.message}\n${stderr}`))
          : resolve(JSON.parse(stdout)),
    );
    child.stdin!.end(JSON.stringify({ ...options, headers: auth }));
  });
}

/** The UTC day of the spans: the day before the backend's clock. */
export const DAY = TEST_NOW.minus({ days: 1 }).toISODate()!;

export function toolCall(
  tool: string,
  attributes: Record<string, string | number>,
  startAt = `${DAY}T10:00:00.000Z`,
  durationMs = 40,
): SpanSpec {
  return {
    name: `execute_tool ${tool}`,
    start: startAt,
    durationMs,
    attributes: {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.agent.id': REFUNDS,
      'gen_ai.agent.name': 'refund-assistant',
      'gen_ai.tool.name': tool,
      'mcp.method.name': 'tools/call',
      ...attributes,
    },
  };
}

export async function activity(base: string, day = DAY) {
  const next = DateTime.fromISO(day, { zone: 'utc' }).plus({ days: 1 });
  const res = await fetch(
    `${base}/v1/agents/default/refund-assistant/activity?from=${day}T00:00:00Z&to=${next.toISODate()}T00:00:00Z`,
    { headers: auth },
  );
  const body = await res.json();
  if (res.status !== 200) throw new Error(JSON.stringify(body.error));
  return body;
}

export async function postJson(base: string, body: unknown, headers = {}) {
  return fetch(`${base}/otlp/v1/traces`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json', ...headers },
    body:
      typeof body === 'string' || Buffer.isBuffer(body)
        ? body
        : JSON.stringify(body),
  });
}

export function jsonSpan(overrides: {
  spanId: string;
  attributes: Record<string, string | number>;
  day?: string;
}) {
  const day = overrides.day ?? DAY;
  return {
    traceId: '5b8efff798038103d269b633813fc60c',
    spanId: overrides.spanId,
    name: 'execute_tool',
    startTimeUnixNano: String(Date.parse(`${day}T12:00:00Z`) * 1e6),
    endTimeUnixNano: String(Date.parse(`${day}T12:00:01Z`) * 1e6),
    attributes: Object.entries(overrides.attributes).map(([key, value]) => ({
      key,
      value:
        typeof value === 'number'
          ? { intValue: value }
          : { stringValue: value },
    })),
  };
}
export const request = (spans: object[]) => ({
  resourceSpans: [{ scopeSpans: [{ spans }] }],
});
