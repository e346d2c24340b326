import { AgentGrant, TelemetryEvent } from '@mandate/plugin-agents-node';
import { TEST_NOW } from '@mandate/plugin-agents-node/testUtils';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { decodeJsonTraces } from './decodeTraces';
import { attributeSpans } from '../attribution/attributeSpans';
import { MODEL_OPERATIONS, classifySpan } from './classifySpan';
import { readTelemetrySample } from '@mandate/plugin-agents-backend-module-demo';

const REPO = path.resolve(__dirname, '../../../../..');
const SCRIPT = path.join(REPO, 'scripts/replay-telemetry.mjs');
const SHIPPED = path.join(REPO, 'examples/telemetry/demo-estate.jsonl.gz');
const AGENT = 'spiffe://acme.example/agent/churn-outreach';
/** The sample's anchor day, and the days ten and eleven days later. */
const D0 = TEST_NOW.toISODate()!;
const D10 = TEST_NOW.plus({ days: 10 }).toISODate()!;
const D11 = TEST_NOW.plus({ days: 11 }).toISODate()!;

/** What a receiver got: each request's headers and body. */
interface Received {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: any;
}

async function receiver(): Promise<{
  url: string;
  received: Received[];
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', chunk => {
      text += chunk;
    });
    req.on('end', () => {
      received.push({
        url: req.url!,
        headers: req.headers,
        body: JSON.parse(text),
      });
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end('{"partialSuccess":{}}');
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/agents/otlp`,
    received,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}

function attributesOf(span: any): Record<string, unknown> {
  return Object.fromEntries(
    span.attributes.map((a: any) => [a.key, Object.values(a.value)[0]]),
  );
}

describe('scripts/replay-telemetry.mjs', () => {
  let dir: string;
  let sample: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-telemetry-'));
    sample = path.join(dir, 'sample.jsonl.gz');
    const lines = [
      {
        format: 'mandate.telemetry-sample/v1',
        anchor: `${D0}T00:00:00.000Z`,
        days: 1,
      },
      {
        grant: {
          id: 'g1',
          agentIdentityId: AGENT,
          tool: 'crm.contact.read',
          scope: 'crm-mcp:read',
          issuedAt: `${D0}T09:00:00.000Z`,
          expiresAt: `${D0}T10:00:00.000Z`,
          revokedAt: `${D0}T09:30:00.000Z`,
        },
      },
      {
        event: {
          id: 't1.0',
          operation: 'invoke_agent',
          agentIdentityId: AGENT,
          agentName: 'churn-outreach',
          requestModel: 'gpt-5',
          responseModel: 'gpt-5',
          modelTier: 'frontier',
          inputTokens: 3000,
          outputTokens: 500,
          costUsd: 0.00875,
          startedAt: `${D0}T09:00:00.000Z`,
          durationMs: 4000,
        },
      },
      {
        event: {
          id: 't1.1',
          operation: 'execute_tool',
          agentIdentityId: AGENT,
          agentName: 'churn-outreach',
          tool: 'crm.contact.read',
          mcpMethod: 'tools/call',
          startedAt: `${D0}T09:00:01.000Z`,
          durationMs: 30000,
          errorType: 'timeout',
          decision: 'allow',
          ruleId: 'manifest.allow',
          grantId: 'g1',
        },
      },
      {
        grant: {
          id: 'g2',
          agentIdentityId: AGENT,
          tool: 'crm.campaign.send',
          issuedAt: `${D0}T09:10:00.000Z`,
          expiresAt: `${D0}T10:10:00.000Z`,
        },
      },
    ];
    fs.writeFileSync(
      sample,
      zlib.gzipSync(lines.map(l => JSON.stringify(l)).join('\n')),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function replay(url: string, now: string, file = sample, batch = 2) {
    return promisify(execFile)(process.execPath, [
      SCRIPT,
      `--url=${url}`,
      '--token=replay-token',
      `--sample=${file}`,
      `--now=${now}`,
      `--batch=${batch}`,
    ]);
  }

  it('posts the sample, shifted to today, as OTLP/JSON spans in batches', async () => {
    const server = await receiver();
    try {
      // Ten days after the anchor: everything moves ten days later.
      const { stdout } = await replay(server.url, `${D10}T12:00:00Z`);
      expect(stdout).toContain('Replayed 4 spans (2 events, 2 grants)');

      expect(server.received.map(r => r.url)).toEqual([
        '/api/agents/otlp/v1/traces',
        '/api/agents/otlp/v1/traces',
      ]);
      for (const { headers } of server.received) {
        expect(headers['content-type']).toBe('application/json');
        expect(headers.authorization).toBe('Bearer replay-token');
      }
      const spans = server.received.flatMap(r =>
        r.body.resourceSpans.flatMap((rs: any) =>
          rs.scopeSpans.flatMap((ss: any) => ss.spans),
        ),
      );
      expect(spans.map(s => s.name)).toEqual([
        'invoke_agent churn-outreach',
        'execute_tool crm.contact.read',
        'mandate.grant', // g2: issued, never used
        'mandate.grant', // g1: revoked after its use
      ]);
      const [invoke, tool, unused, revoked] = spans;
      for (const span of spans) {
        expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
        expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
      }
      // The tool call is a child of the agent invocation, in the same trace.
      expect(tool.traceId).toBe(invoke.traceId);
      expect(tool.parentSpanId).toBe(invoke.spanId);
      expect(invoke.startTimeUnixNano).toBe(
        `${Date.parse(`${D10}T09:00:00.000Z`)}000000`,
      );
      expect(invoke.endTimeUnixNano).toBe(
        `${Date.parse(`${D10}T09:00:04.000Z`)}000000`,
      );

      expect(attributesOf(invoke)).toEqual({
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.agent.id': AGENT,
        'gen_ai.agent.name': 'churn-outreach',
        'gen_ai.request.model': 'gpt-5',
        'gen_ai.response.model': 'gpt-5',
        'gen_ai.usage.input_tokens': '3000',
        'gen_ai.usage.output_tokens': '500',
        'mandate.model.tier': 'frontier',
        'mandate.cost.usd': 0.00875,
      });
      expect(attributesOf(tool)).toEqual({
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.agent.id': AGENT,
        'gen_ai.agent.name': 'churn-outreach',
        'gen_ai.tool.name': 'crm.contact.read',
        'error.type': 'timeout',
        'mcp.method.name': 'tools/call',
        'mandate.policy.decision': 'allow',
        'mandate.policy.rule_id': 'manifest.allow',
        'mandate.grant.id': 'g1',
        'mandate.grant.tool': 'crm.contact.read',
        'mandate.grant.scope': 'crm-mcp:read',
        'mandate.grant.issued_at': `${D10}T09:00:00.000Z`,
        'mandate.grant.expires_at': `${D10}T10:00:00.000Z`,
      });
      expect(tool.status).toEqual({ code: 2, message: 'timeout' });
      expect(attributesOf(unused)).toMatchObject({
        'gen_ai.agent.id': AGENT,
        'mandate.grant.id': 'g2',
        'mandate.grant.issued_at': `${D10}T09:10:00.000Z`,
      });
      expect(attributesOf(revoked)).toMatchObject({
        'mandate.grant.id': 'g1',
        'mandate.grant.revoked_at': `${D10}T09:30:00.000Z`,
      });
    } finally {
      await server.close();
    }
  });

  it('sends the same span ids when replayed again the same day, new ones on another day', async () => {
    const server = await receiver();
    try {
      await replay(server.url, `${D10}T12:00:00Z`);
      await replay(server.url, `${D10}T18:00:00Z`);
      await replay(server.url, `${D11}T12:00:00Z`);
      const ids = server.received.map(
        r => r.body.resourceSpans[0].scopeSpans[0].spans[0].spanId,
      );
      expect(ids[0]).toBe(ids[2]);
      expect(ids[4]).not.toBe(ids[0]);
    } finally {
      await server.close();
    }
  });

  // Replays all 38,000 events of the shipped sample through a child process: a long test.
  it("reads back through Mandate's OTLP mapping as exactly the sample", async () => {
    const server = await receiver();
    const now = `${D0}T23:59:59.999Z`;
    try {
      await replay(server.url, now, SHIPPED, 5000);
    } finally {
      await server.close();
    }
    const spans = server.received.flatMap(({ body }) =>
      decodeJsonTraces(Buffer.from(JSON.stringify(body))).map(span =>
        classifySpan(span, { modelOperations: MODEL_OPERATIONS }),
      ),
    );
    const attributed = attributeSpans(spans);
    expect(attributed.unattributed).toEqual([]);
    const events = attributed.events;
    const grants = new Map<string, AgentGrant>();
    // A grant seen again replaces the earlier state, as the store does.
    for (const grant of attributed.grants) grants.set(grant.id, grant);
    const expected = await readTelemetrySample(SHIPPED, new Date(now));
    const withoutId = ({ id, ...rest }: TelemetryEvent) => comparable(rest);
    expect(events.map(withoutId).sort()).toEqual(
      expected.events.map(withoutId).sort(),
    );
    expect([...grants.values()].map(comparable).sort()).toEqual(
      expected.grants.map(comparable).sort(),
    );
  }, 30_000);

  it('leaves out what lies after now', async () => {
    const server = await receiver();
    try {
      const { stdout } = await replay(server.url, `${D10}T09:00:00.500Z`);
      expect(stdout).toContain('Replayed 2 spans (1 events, 1 grants)');
    } finally {
      await server.close();
    }
  });
});

/** A stable string for comparing records whatever their key order and unset fields. */
function comparable(record: object): string {
  return JSON.stringify(
    Object.entries(record)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}
