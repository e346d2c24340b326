import { TelemetryEvent } from '@mandate/plugin-agents-node';
import {
  TEST_NOW,
  mandateTestDatabases,
} from '@mandate/plugin-agents-node/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import { telemetryFixture } from '../../__testUtils__/telemetry';
import { migrateUp } from '../../database/migrate';
import { attributeSpans } from '../attribution/attributeSpans';
import { MappingRule } from '../attribution/mappingRules';
import { OtlpSpan, decodeJsonTraces } from './decodeTraces';
import { classifySpans } from './readSpans';

// Traces recorded from, or derived from the code of, real agent frameworks, MCP servers and
// gateways (see __fixtures__/README.md), each with what a person reading it would count.

interface Counts {
  tools: Record<string, { calls: number; errors: number }>;
  models: Record<
    string,
    { calls: number; inputTokens: number; outputTokens: number }
  >;
  invocations: number;
}
interface Fixture {
  requests: object[];
  attribution?: {
    rules?: Array<Omit<MappingRule, 'pattern'> & { pattern?: string }>;
    modelOperations?: string[];
  };
  expected: {
    agents: Array<Counts & { agent: string }>;
    unattributedSpans: number;
  };
}

const DIR = path.join(__dirname, '__fixtures__');
const FIXTURES = fs
  .readdirSync(DIR)
  .filter(f => f.endsWith('.json'))
  .map(file => ({
    file,
    fixture: JSON.parse(
      fs.readFileSync(path.join(DIR, file), 'utf8'),
    ) as Fixture,
  }));

function settingsOf(fixture: Fixture) {
  return {
    rules: (fixture.attribution?.rules ?? []).map(r => ({
      ...r,
      ...(r.pattern ? { pattern: new RegExp(r.pattern) } : {}),
    })) as MappingRule[],
    modelOperations: fixture.attribution?.modelOperations ?? [],
  };
}

const decoded = (request: object) =>
  decodeJsonTraces(Buffer.from(JSON.stringify(request)));

/** Per agent, what the events count: tool calls and errors, models and tokens, runs. */
function countsByAgent(events: TelemetryEvent[]) {
  const byAgent: Record<string, Counts> = {};
  for (const e of events) {
    const agent = e.agentIdentityId ?? `name:${e.agentName}`;
    const counts = (byAgent[agent] ??= {
      tools: {},
      models: {},
      invocations: 0,
    });
    if (e.operation === 'execute_tool') {
      const tool = (counts.tools[e.tool!] ??= { calls: 0, errors: 0 });
      tool.calls += 1;
      if (e.errorType) tool.errors += 1;
    }
    if (e.operation === 'invoke_agent') counts.invocations += 1;
    const model = e.responseModel ?? e.requestModel;
    if (model && e.operation !== 'execute_tool') {
      const m = (counts.models[model] ??= {
        calls: 0,
        inputTokens: 0,
        outputTokens: 0,
      });
      m.calls += 1;
      m.inputTokens += e.inputTokens ?? 0;
      m.outputTokens += e.outputTokens ?? 0;
    }
  }
  return byAgent;
}

const expectedByAgent = (fixture: Fixture) =>
  Object.fromEntries(
    fixture.expected.agents.map(({ agent, ...counts }) => [agent, counts]),
  );

describe('what real producers emit', () => {
  it.each(FIXTURES)(
    '$file: every tool and model call attributed as a person reads it, counted once',
    ({ fixture }) => {
      const settings = settingsOf(fixture);
      const facts = fixture.requests.flatMap(
        request =>
          classifySpans(decoded(request), { sourceId: 'otlp', ...settings })
            .facts,
      );
      const { events, unattributed } = attributeSpans(facts);
      expect(countsByAgent(events)).toEqual(expectedByAgent(fixture));
      expect(unattributed).toHaveLength(fixture.expected.unattributedSpans);
    },
  );
});

/** The fixture's spans moved in time so that its last span ends an hour before now. */
function shifted(requests: object[]): OtlpSpan[][] {
  const batches = requests.map(decoded);
  const latest = batches
    .flat()
    .reduce(
      (max, s) => (s.endTimeUnixNano > max ? s.endTimeUnixNano : max),
      0n,
    );
  const target = BigInt(TEST_NOW.minus({ hours: 1 }).toMillis()) * 1_000_000n;
  const by = target - latest;
  return batches.map(spans =>
    spans.map(s => ({
      ...s,
      startTimeUnixNano: s.startTimeUnixNano + by,
      endTimeUnixNano: s.endTimeUnixNano + by,
    })),
  );
}

const databases = mandateTestDatabases();

describe.each(databases.eachSupportedId())(
  'what real producers emit, through the receiver into %p',
  databaseId => {
    it.each(FIXTURES)(
      '$file: the same counts once deliveries in export order and the holds are over',
      async ({ fixture }) => {
        const knex = await databases.init(databaseId);
        await migrateUp(knex);
        let now = TEST_NOW.toJSDate();
        const { ingest } = telemetryFixture(knex, () => now);
        const reading = { sourceId: 'otlp', ...settingsOf(fixture) };
        for (const spans of shifted(fixture.requests)) {
          const read = classifySpans(spans, reading);
          const outcome = await ingest.ingestSpans(read, {
            sourceId: 'otlp',
            kind: 'otlp',
          });
          expect(outcome.rejected).toEqual([]);
          expect(outcome.refused).toEqual([]);
        }
        now = TEST_NOW.plus({ minutes: 11 }).toJSDate();
        while ((await ingest.flushExpired()) > 0);

        const rollups = await knex('telemetry_rollups');
        const models = await knex('telemetry_models');
        const stored: Record<string, Counts> = {};
        const of = (key: string) =>
          (stored[key] ??= { tools: {}, models: {}, invocations: 0 });
        for (const r of rollups) {
          if (r.tool) {
            of(r.identity_key).tools[r.tool] = {
              calls: Number(r.calls),
              errors: Number(r.errors),
            };
          } else if (Number(r.calls) > 0) {
            of(r.identity_key).invocations += Number(r.calls);
          } else {
            of(r.identity_key);
          }
        }
        for (const m of models) {
          const model = (of(m.identity_key).models[m.model] ??= {
            calls: 0,
            inputTokens: 0,
            outputTokens: 0,
          });
          model.calls += Number(m.calls);
          model.inputTokens += Number(m.input_tokens);
          model.outputTokens += Number(m.output_tokens);
        }
        expect(stored).toEqual(expectedByAgent(fixture));
        expect(await knex('telemetry_unattributed')).toHaveLength(
          fixture.expected.unattributedSpans,
        );
        // Nothing is left waiting.
        expect(
          await knex('telemetry_trace_spans').where({ pending: true }),
        ).toEqual([]);
      },
    );
  },
);
