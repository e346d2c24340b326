/*
 * The ingestion benchmark's traffic: OTLP requests of 512 spans as a batch span processor
 * sends them, in JSON and protobuf, built the same way in every process from a span counter.
 */
import { ExportTraceServiceRequest } from '../../plugins/agents-backend/src/telemetry/otlp/proto';

export const BATCH = 512;
export const AGENTS = Number(process.env.BENCH_AGENTS ?? 500);
export const TOOLS = 10;

/** `flat`: a gateway's tool-call spans, each its own trace; `nested`: agent runs, children first. */
export type Pattern = 'flat' | 'nested';

type Attribute = { key: string; value: Record<string, string> };
type Span = Record<string, unknown> & { attributes: Attribute[] };

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const attr = (key: string, value: string | number): Attribute => ({
  key,
  value:
    typeof value === 'number'
      ? { intValue: String(value) }
      : { stringValue: value },
});

function span(
  n: number,
  trace: number,
  now: number,
  fields: { name: string; parent?: number; attributes: Attribute[] },
): Span {
  const start = now - (n % 3_600_000);
  return {
    traceId: hex(trace, 32),
    spanId: hex(n, 16),
    ...(fields.parent ? { parentSpanId: hex(fields.parent, 16) } : {}),
    name: fields.name,
    kind: fields.parent ? 1 : 2,
    startTimeUnixNano: `${start}000000`,
    endTimeUnixNano: `${start + 35}000000`,
    attributes: fields.attributes,
    status: {},
  };
}

/** A gateway's tool call: names its agent and the policy decision, alone in its trace. */
function gatewayCall(n: number, now: number): Span {
  const agent = n % AGENTS;
  return span(n, n, now, {
    name: 'execute_tool',
    attributes: [
      attr('gen_ai.operation.name', 'execute_tool'),
      attr('gen_ai.agent.id', `spiffe://bench.example/agent/${agent}`),
      attr('gen_ai.agent.name', `agent-${agent}`),
      attr('gen_ai.tool.name', `tool.${n % TOOLS}`),
      attr('mcp.method.name', 'tools/call'),
      attr('mandate.policy.decision', n % 50 === 0 ? 'deny' : 'allow'),
      attr('mandate.policy.rule_id', 'bench-rule'),
      attr('gen_ai.usage.input_tokens', 200 + (n % 300)),
    ],
  });
}

/**
 * An agent framework's run: the invoke_agent root naming the agent, a model call and two
 * tool calls under it that name nothing. Four spans, numbered from `n`.
 */
function agentRun(n: number, now: number): { root: Span; children: Span[] } {
  const agent = n % AGENTS;
  const root = span(n, n, now, {
    name: `invoke_agent agent-${agent}`,
    attributes: [
      attr('gen_ai.operation.name', 'invoke_agent'),
      attr('gen_ai.agent.id', `spiffe://bench.example/agent/${agent}`),
      attr('gen_ai.agent.name', `agent-${agent}`),
    ],
  });
  const children = [
    span(n + 1, n, now, {
      name: 'chat claude-sonnet-4-5',
      parent: n,
      attributes: [
        attr('gen_ai.operation.name', 'chat'),
        attr('gen_ai.request.model', 'claude-sonnet-4-5'),
        attr('gen_ai.response.model', 'claude-sonnet-4-5'),
        attr('gen_ai.usage.input_tokens', 900),
        attr('gen_ai.usage.output_tokens', 120),
      ],
    }),
    ...[2, 3].map(k =>
      span(n + k, n, now, {
        name: `execute_tool tool.${(n + k) % TOOLS}`,
        parent: n,
        attributes: [
          attr('gen_ai.operation.name', 'execute_tool'),
          attr('gen_ai.tool.name', `tool.${(n + k) % TOOLS}`),
        ],
      }),
    ),
  ];
  return { root, children };
}

function request(spans: Span[]) {
  return {
    resourceSpans: [
      {
        resource: {
          attributes: [attr('service.name', 'bench-producer')],
        },
        scopeSpans: [{ scope: { name: 'bench' }, spans }],
      },
    ],
  };
}

/** The spans of `total`, batch by batch; agent runs export their children a batch early. */
function batches(pattern: Pattern, first: number, total: number, now: number) {
  const out: Span[][] = [];
  if (pattern === 'flat') {
    for (let done = 0; done < total; done += BATCH) {
      const size = Math.min(BATCH, total - done);
      out.push(
        Array.from({ length: size }, (_, k) =>
          gatewayCall(first + done + k, now),
        ),
      );
    }
    return out;
  }
  // A batch processor exports a span when it ends, and a run's root ends last: each batch
  // holds the children of this batch's runs and the roots of the previous batch's.
  const runsPerBatch = BATCH / 4;
  let roots: Span[] = [];
  for (let done = 0; done < total; done += BATCH) {
    const runs = Array.from(
      { length: Math.min(runsPerBatch, (total - done) / 4) },
      (_, k) => agentRun(first + done + k * 4, now),
    );
    out.push([...roots, ...runs.flatMap(r => r.children)]);
    roots = runs.map(r => r.root);
  }
  out.push(roots);
  return out;
}

function toProtobuf(body: ReturnType<typeof request>): Buffer {
  const message = ExportTraceServiceRequest.fromObject({
    resourceSpans: body.resourceSpans.map(rs => ({
      resource: rs.resource,
      scopeSpans: rs.scopeSpans.map(ss => ({
        scope: ss.scope,
        spans: ss.spans.map(s => ({
          ...s,
          traceId: Buffer.from(s.traceId as string, 'hex'),
          spanId: Buffer.from(s.spanId as string, 'hex'),
          ...(s.parentSpanId
            ? { parentSpanId: Buffer.from(s.parentSpanId as string, 'hex') }
            : {}),
        })),
      })),
    })),
  });
  return Buffer.from(ExportTraceServiceRequest.encode(message).finish());
}

/** The request bodies for `total` spans numbered from `first`. */
export function bodies(options: {
  pattern: Pattern;
  format: 'json' | 'protobuf';
  first: number;
  total: number;
  now: number;
}): Buffer[] {
  return batches(options.pattern, options.first, options.total, options.now)
    .filter(spans => spans.length > 0)
    .map(spans =>
      options.format === 'json'
        ? Buffer.from(JSON.stringify(request(spans)))
        : toProtobuf(request(spans)),
    );
}

export const CONTENT_TYPES = {
  json: 'application/json',
  protobuf: 'application/x-protobuf',
};
