import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  TEST_NOW,
  mandateTestDatabases,
} from '@mandate/plugin-agents-node/testUtils';
import { telemetryFixture } from '../__testUtils__/telemetry';
import { migrateUp } from '../database/migrate';
import { TelemetryWriter } from '../database/TelemetryWriter';
import { decodeJsonTraces } from './otlp/decodeTraces';
import { classifySpans } from './otlp/readSpans';

jest.setTimeout(60_000);
const databases = mandateTestDatabases();
const origin = { sourceId: 'otlp', kind: 'otlp' } as const;
const AGENT = 'spiffe://acme.example/agent/refund-assistant';

/** A writer that holds its first transaction open, its work done, until released. */
class PausingWriter extends TelemetryWriter {
  private paused = false;
  private releaseNow = () => {};
  readonly released = new Promise<void>(r => (this.releaseNow = r));
  private reachedNow = () => {};
  readonly reached = new Promise<void>(r => (this.reachedNow = r));

  release() {
    this.releaseNow();
  }

  override transaction<T>(
    work: Parameters<TelemetryWriter['transaction']>[0],
  ): Promise<T> {
    return super.transaction(async tx => {
      const result = await work(tx);
      if (!this.paused) {
        this.paused = true;
        this.reachedNow();
        await this.released;
      }
      return result as T;
    });
  }
}

const traceIds = ['a1', 'b2', 'c3'].map(p => p.repeat(16));
const rootOf = (traceId: string) => `${traceId.slice(0, 14)}01`;
const nanos = (minutesAgo: number) =>
  String(TEST_NOW.minus({ minutes: minutesAgo }).toMillis() * 1_000_000);
const attributes = (values: Record<string, string>) =>
  Object.entries(values).map(([key, stringValue]) => ({
    key,
    value: { stringValue },
  }));

/** A tool call that names no agent: its trace's root does. */
const toolCall = (traceId: string, spanId: string, parentSpanId: string) => ({
  traceId,
  spanId,
  parentSpanId,
  name: 'execute_tool orders.lookup',
  startTimeUnixNano: nanos(9),
  endTimeUnixNano: nanos(8),
  attributes: attributes({
    'gen_ai.operation.name': 'execute_tool',
    'gen_ai.tool.name': 'orders.lookup',
  }),
});

/** Spans as the receiver reads them from one OTLP/JSON request. */
const read = (spans: object[]) =>
  classifySpans(
    decodeJsonTraces(
      Buffer.from(
        JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] }),
      ),
    ),
    { sourceId: 'otlp', rules: [], modelOperations: [] },
  );

/** The agent runs' roots (naming the agent) or their tool calls (naming none). */
const runs = (part: 'roots' | 'children') =>
  read(
    traceIds.map(traceId =>
      part === 'roots'
        ? {
            traceId,
            spanId: rootOf(traceId),
            name: 'invoke_agent refund-assistant',
            startTimeUnixNano: nanos(10),
            endTimeUnixNano: nanos(5),
            attributes: attributes({
              'gen_ai.operation.name': 'invoke_agent',
              'gen_ai.agent.name': 'refund-assistant',
              'gen_ai.agent.id': AGENT,
            }),
          }
        : toolCall(traceId, `${traceId.slice(0, 14)}02`, rootOf(traceId)),
    ),
  );

async function toolCalls(knex: Knex) {
  const rows = await knex('telemetry_rollups').where({
    identity_key: AGENT,
    tool: 'orders.lookup',
  });
  return rows.reduce((sum, r) => sum + Number(r.calls), 0);
}

const postgres = databases
  .eachSupportedId()
  .filter(([id]) => id === 'POSTGRES_15');

// Two replicas (or two groups of one) write one trace at the same time only on PostgreSQL:
// SQLite has one writer.
(postgres.length > 0
  ? describe.each(postgres)
  : describe.skip.each([['POSTGRES_15' as TestDatabaseId]]))(
  'two ingestions working on one trace at once, on %p',
  databaseId => {
    const now = () => TEST_NOW.toJSDate();

    // When the children commit last they are settled before the receiver answers: nothing
    // is said to wait. When the roots do, the children's answer says truly that they wait.
    it.each([
      ['the children', 'children', 'roots', 0],
      ['the roots', 'roots', 'children', 3],
    ] as const)(
      'attributes every call when %s commit last, without waiting for the hold to end',
      async (_, paused, other, childrenWaiting) => {
        const knex = await databases.init(databaseId);
        await migrateUp(knex);
        const pausing = new PausingWriter(knex);
        const first = telemetryFixture(knex, now, { writer: pausing });
        const second = telemetryFixture(knex, now);

        const slow = first.ingest.ingestSpans(runs(paused), origin);
        await pausing.reached;
        // The other replica's delivery reads the traces before the first commits.
        const fast = second.ingest.ingestSpans(runs(other), origin);
        await Promise.race([fast, new Promise(r => setTimeout(r, 3000))]);
        pausing.release();
        const outcomes = { [paused]: await slow, [other]: await fast };

        expect(await toolCalls(knex)).toBe(3);
        expect(
          await knex('telemetry_trace_spans').where({ pending: true }),
        ).toEqual([]);
        expect(outcomes.children.waiting).toBe(childrenWaiting);
        // Counted once, whoever looked again.
        const events = await knex('telemetry_events').where({
          tool: 'orders.lookup',
        });
        expect(events).toHaveLength(3);
      },
    );

    it("holds no lock per trace: a collector's batch of thousands of traces stays within PostgreSQL's shared lock table", async () => {
      const knex = await databases.init(databaseId);
      await migrateUp(knex);
      const pausing = new PausingWriter(knex);
      const { ingest } = telemetryFixture(knex, now, { writer: pausing });
      const calls = Array.from({ length: 3000 }, (_, i) =>
        toolCall(
          i.toString(16).padStart(32, '0'),
          '00000000000000a1',
          '00000000000000a0',
        ),
      );
      const delivery = ingest.ingestSpans(read(calls), origin);
      await pausing.reached;
      // Every lock that sessions on this test's database hold, the open ingestion's among them.
      const [{ count }] = (
        await knex.raw(
          'select count(*) as count from pg_locks as l join pg_stat_activity as a on a.pid = l.pid where a.datname = current_database() and a.pid <> pg_backend_pid()',
        )
      ).rows;
      pausing.release();
      expect((await delivery).waiting).toBe(3000);
      const locks = Number(count);
      // max_locks_per_transaction is 64 by default: the table holds 64 per connection.
      expect(locks).toBeLessThan(64);
    });
  },
);
