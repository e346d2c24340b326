import { TEST_NOW } from '@mandate/plugin-agents-node/testUtils';
import { MalformedOtlpError } from './decodeTraces';
import { ExportTraceServiceRequest } from './proto';
import { SpanReading, readSpans } from './readSpans';
import { SpanReaderPool } from './SpanReaderPool';

jest.setTimeout(30_000);

const START_NANOS = `${TEST_NOW.toMillis()}000000`;
const END_NANOS = `${TEST_NOW.toMillis() + 250}000000`;
const READING: SpanReading = {
  sourceId: 'otlp',
  modelOperations: ['call_llm'],
  rules: [
    {
      attribute: 'jwt.sub',
      pattern: /^svc-(.+)$/,
      identity: 'spiffe://example.org/agent/$1',
    },
  ],
};

type Attributes = Record<string, string | number>;

/** An OTLP/JSON request of spans, one trace each, with these attributes. */
function jsonRequest(spans: Attributes[]) {
  return {
    resourceSpans: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: 'gateway' } },
          ],
        },
        scopeSpans: [
          {
            spans: spans.map((attributes, i) => ({
              traceId: (i + 1).toString(16).padStart(32, '0'),
              spanId: (i + 1).toString(16).padStart(16, '0'),
              name: 'span',
              kind: 2,
              startTimeUnixNano: START_NANOS,
              endTimeUnixNano: END_NANOS,
              attributes: Object.entries(attributes).map(([key, value]) => ({
                key,
                value:
                  typeof value === 'number'
                    ? { intValue: String(value) }
                    : { stringValue: value },
              })),
            })),
          },
        ],
      },
    ],
  };
}

const asJson = (spans: Attributes[]) =>
  Buffer.from(JSON.stringify(jsonRequest(spans)));

function asProtobuf(spans: Attributes[]) {
  const request = jsonRequest(spans);
  for (const span of request.resourceSpans[0].scopeSpans[0].spans) {
    Object.assign(span, {
      traceId: Buffer.from(span.traceId, 'hex'),
      spanId: Buffer.from(span.spanId, 'hex'),
    });
  }
  return Buffer.from(
    ExportTraceServiceRequest.encode(
      ExportTraceServiceRequest.fromObject(request),
    ).finish(),
  );
}

const toolCall = (tool: string, extra: Attributes = {}): Attributes => ({
  'gen_ai.operation.name': 'execute_tool',
  'gen_ai.tool.name': tool,
  ...extra,
});

describe('SpanReaderPool', () => {
  let pool: SpanReaderPool;
  afterEach(() => pool.close());

  it('reads protobuf and JSON bodies on a thread of its own, into what reading them in place gives', async () => {
    pool = new SpanReaderPool({ threads: 1, reading: READING });
    const spans = [
      toolCall('orders.lookup', {
        'gen_ai.agent.id': 'spiffe://example.org/agent/refunds',
      }),
      toolCall('refunds.issue', { 'jwt.sub': 'svc-refunds' }),
      {
        'gen_ai.operation.name': 'call_llm',
        'gen_ai.request.model': 'claude-sonnet-4-5',
        'gen_ai.usage.input_tokens': 900,
      },
    ];

    const fromProtobuf = await pool.read(asProtobuf(spans), 'protobuf');
    const fromJson = await pool.read(asJson(spans), 'json');

    expect(pool.stats()).toEqual({ threads: 1, waiting: 0 });
    expect(fromProtobuf).toEqual(
      readSpans(asProtobuf(spans), 'protobuf', READING),
    );
    expect(fromJson).toEqual(readSpans(asJson(spans), 'json', READING));
    // The settings reached the thread: a mapping rule's pattern and a model alias.
    expect(fromJson.facts.map(f => [f.role, f.tool, f.mappedIdentity])).toEqual(
      [
        ['tool', 'orders.lookup', undefined],
        ['tool', 'refunds.issue', 'spiffe://example.org/agent/refunds'],
        ['model', undefined, undefined],
      ],
    );
    expect(fromJson.facts[2]).toMatchObject({
      requestModel: 'claude-sonnet-4-5',
      inputTokens: 900,
    });
  });

  it('rejects the spans it cannot use by their path and reads the rest', async () => {
    pool = new SpanReaderPool({ threads: 1, reading: READING });

    const read = await pool.read(
      asJson([
        toolCall('orders.lookup', { 'gen_ai.usage.input_tokens': -3 }),
        toolCall('orders.lookup'),
      ]),
      'json',
    );

    expect(read.rejected).toEqual([
      {
        path: 'resourceSpans[0].scopeSpans[0].spans[0]',
        reason: 'gen_ai.usage.input_tokens must be a non-negative integer',
      },
    ]);
    expect(read.facts).toHaveLength(1);
  });

  it('refuses a body that cannot be decoded with the decoder’s own message', async () => {
    pool = new SpanReaderPool({ threads: 1, reading: READING });

    const json = pool.read(Buffer.from('{"resourceSpans": ['), 'json');
    const protobuf = pool.read(Buffer.from([0x0a, 0xff, 0x01]), 'protobuf');

    await expect(json).rejects.toThrow(MalformedOtlpError);
    await expect(json).rejects.toThrow(/^The body is not valid JSON: /);
    await expect(protobuf).rejects.toThrow(
      /^The body is not a protobuf ExportTraceServiceRequest: /,
    );
    // The thread lives on for the next body.
    await expect(
      pool.read(asJson([toolCall('orders.lookup')]), 'json'),
    ).resolves.toMatchObject({ rejected: [] });
    expect(pool.stats().threads).toBe(1);
  });

  it('spreads bodies over its threads', async () => {
    pool = new SpanReaderPool({ threads: 2, reading: READING });
    const body = asJson([toolCall('orders.lookup')]);

    const reads = [1, 2, 3, 4].map(() => pool.read(body, 'json'));
    expect(pool.stats()).toEqual({ threads: 2, waiting: 4 });
    await Promise.all(reads);
    expect(pool.stats()).toEqual({ threads: 2, waiting: 0 });
  });

  it('fails the reads in flight when its threads stop, naming why, and reads later bodies in place', async () => {
    pool = new SpanReaderPool({ threads: 1, reading: READING });
    const body = asJson([toolCall('orders.lookup')]);

    const inFlight = pool.read(body, 'json');
    await pool.close();

    await expect(inFlight).rejects.toThrow(
      'The span reader thread was stopped: the backend is shutting down',
    );
    expect(pool.stats().threads).toBe(0);
    await expect(pool.read(body, 'json')).resolves.toMatchObject({
      facts: [expect.objectContaining({ tool: 'orders.lookup' })],
    });
  });

  it('reads in place with no threads', async () => {
    pool = new SpanReaderPool({ threads: 0, reading: READING });

    const read = await pool.read(asJson([toolCall('orders.lookup')]), 'json');

    expect(read.facts).toHaveLength(1);
    expect(pool.stats()).toEqual({ threads: 0, waiting: 0 });
  });
});
