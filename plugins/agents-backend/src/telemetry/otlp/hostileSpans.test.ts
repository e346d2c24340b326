import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import { ExportTraceServiceRequest } from './proto';
import {
  EMPTY,
  REFUNDS,
  auth,
  jsonSpan,
  rowCounts,
  postJson,
  request,
  startReceiver,
} from '../../__testUtils__/otlpReceiver';

jest.setTimeout(60_000);
const databases = mandateTestDatabases();

describe.each(databases.eachSupportedId())(
  'OTLP spans with NUL characters or lone surrogates, on %p',
  dbId => {
    it('refuses the span with a partial success naming the attribute, and keeps the others', async () => {
      const { base, knex } = await startReceiver(databases, dbId);
      const res = await postJson(
        base,
        request([
          jsonSpan({
            spanId: '1111111111111111',
            attributes: {
              'gen_ai.operation.name': 'execute_tool',
              'gen_ai.agent.id': REFUNDS,
              'gen_ai.tool.name': 'orders.lookup\u0000; drop table agents',
            },
          }),
          jsonSpan({
            spanId: '2222222222222222',
            attributes: {
              'gen_ai.operation.name': 'execute_tool',
              'gen_ai.agent.id': REFUNDS,
              'gen_ai.tool.name': 'orders.lookup',
            },
          }),
        ]),
      );
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        partialSuccess: {
          rejectedSpans: 1,
          errorMessage: expect.stringContaining(
            'resourceSpans[0].scopeSpans[0].spans[0]: attribute "gen_ai.tool.name" must not contain NUL',
          ),
        },
      });
      expect(await knex('telemetry_rollups').pluck('tool')).toEqual([
        'orders.lookup',
      ]);
    });

    it('stores spans whose values hold lone surrogates, as U+FFFD, the same on every database', async () => {
      const { base, knex } = await startReceiver(databases, dbId);
      const res = await postJson(
        base,
        request(
          ['1111111111111111', '2222222222222222'].map((spanId, i) =>
            jsonSpan({
              spanId,
              attributes: {
                'gen_ai.operation.name': 'execute_tool',
                'gen_ai.agent.id': REFUNDS,
                'gen_ai.agent.name': i === 0 ? 'refunds\ud800' : 'refunds',
                'gen_ai.tool.name': 'orders.lookup\udfff',
              },
            }),
          ),
        ),
      );
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({});
      expect(await knex('telemetry_rollups').select('tool', 'calls')).toEqual([
        { tool: 'orders.lookup\ufffd', calls: 2 },
      ]);
      expect(
        (await knex('telemetry_identity_names').pluck('agent_name')).sort(),
      ).toEqual(['refunds', 'refunds\ufffd']);
    });
  },
);

/** A length-delimited protobuf field: its tag, its length, its bytes. */
function field(id: number, bytes: Uint8Array | string): Buffer {
  const body = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  const varint = (n: number) => {
    const out: number[] = [];
    let rest = n;
    while (rest > 127) {
      out.push((rest & 127) | 128);
      rest >>>= 7;
    }
    out.push(rest);
    return Buffer.from(out);
  };
  return Buffer.concat([varint((id << 3) | 2), varint(body.length), body]);
}

/**
 * The protobuf bytes of an attribute (KeyValue) whose value nests `depth` kvlists deep,
 * written without recursion: protobufjs refuses to encode what is this deep.
 */
function nestedAttributeProto(depth: number): Buffer {
  let value = field(1, 'bottom'); // AnyValue.string_value
  for (let i = 0; i < depth; i++) {
    // AnyValue.kvlist_value → KeyValueList.values → KeyValue { key, value }
    value = field(
      6,
      field(1, Buffer.concat([field(1, 'inner'), field(2, value)])),
    );
  }
  return Buffer.concat([field(1, 'payload'), field(2, value)]);
}

/** The same as JSON text, built without recursion (JSON.stringify would overflow). */
function nestedValueJson(depth: number): string {
  const open = '{"kvlistValue":{"values":[{"key":"inner","value":';
  return `${open.repeat(depth)}{"stringValue":"bottom"}${'}]}}'.repeat(depth)}`;
}

function spanWith(attributes: object[]) {
  const span = jsonSpan({
    spanId: '3333333333333333',
    attributes: {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.agent.id': REFUNDS,
      'gen_ai.tool.name': 'orders.lookup',
    },
  });
  return { ...span, attributes: [...span.attributes, ...attributes] };
}

describe.each(databases.eachSupportedId())(
  'OTLP requests past the parser bounds, on %p',
  dbId => {
    it('answers an attribute nested 1,000 deep with a 400 naming where, and stores nothing', async () => {
      const { base, knex } = await startReceiver(databases, dbId);
      const body = JSON.stringify(
        request([spanWith([{ key: 'payload', value: 'NESTED' }])]),
      ).replace('"NESTED"', nestedValueJson(1_000));

      const res = await postJson(base, body);
      expect(res.status).toBe(400);
      expect((await res.json()).message).toMatch(
        /^resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]\.attributes\[3\]\.value(\.kvlistValue\.values\[0\]\.value)*: attribute values nest deeper than 8 levels; send flat values/,
      );
      expect(await rowCounts(knex)).toEqual(EMPTY);
    });

    it('answers the same in protobuf with a 400, and stores nothing', async () => {
      const { base, knex } = await startReceiver(databases, dbId);
      const span = spanWith([]);
      const spanBytes = Buffer.concat([
        ExportTraceServiceRequest.lookupType('Span')
          .encode({
            ...span,
            traceId: Buffer.from(span.traceId, 'hex'),
            spanId: Buffer.from(span.spanId, 'hex'),
          })
          .finish(),
        field(9, nestedAttributeProto(2_000)), // Span.attributes, appended
      ]);
      // ExportTraceServiceRequest.resource_spans → ResourceSpans.scope_spans → ScopeSpans.spans
      const body = field(1, field(2, field(2, spanBytes)));
      const res = await fetch(`${base}/otlp/v1/traces`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/x-protobuf' },
        body,
      });
      expect(res.status).toBe(400);
      expect(await rowCounts(knex)).toEqual(EMPTY);
    });

    it('answers a span with more than 256 attributes with a 400 that says so', async () => {
      const { base, knex } = await startReceiver(databases, dbId);
      const many = Array.from({ length: 300 }, (_, i) => ({
        key: `extra.${i}`,
        value: { stringValue: 'x' },
      }));
      const res = await postJson(base, request([spanWith(many)]));
      expect(res.status).toBe(400);
      expect((await res.json()).message).toContain(
        '303 attributes, more than the 256 accepted per span or resource',
      );
      expect(await rowCounts(knex)).toEqual(EMPTY);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'OTLP traces whose spans are each other’s parents, on %p',
  dbId => {
    it('answers at once and holds the spans until their hold ends', async () => {
      const { base, knex } = await startReceiver(databases, dbId);
      const looped = (spanId: string, parentSpanId: string, tool: string) => ({
        ...jsonSpan({
          spanId,
          attributes: {
            'gen_ai.operation.name': 'execute_tool',
            'gen_ai.tool.name': tool,
          },
        }),
        parentSpanId,
      });

      const res = await postJson(
        base,
        request([
          looped('1111111111111111', '2222222222222222', 'orders.lookup'),
          looped('2222222222222222', '1111111111111111', 'refunds.issue'),
          looped('3333333333333333', '3333333333333333', 'tickets.comment'),
        ]),
      );

      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        partialSuccess: {
          rejectedSpans: 0,
          errorMessage: expect.stringContaining(
            '3 span(s) wait up to PT10M for an ancestor span that names their agent',
          ),
        },
      });
      const [{ n }] = await knex('telemetry_trace_spans')
        .where({ pending: true })
        .count({ n: '*' });
      expect(Number(n)).toBe(3);
    });
  },
);
