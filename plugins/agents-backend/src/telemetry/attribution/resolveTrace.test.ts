import { TEST_NOW } from '@mandate/plugin-agents-node/testUtils';
import { MODEL_OPERATIONS, classifySpan } from '../otlp/classifySpan';
import { AttributeValue, OtlpSpan } from '../otlp/decodeTraces';
import { attributeSpans } from './attributeSpans';
import { mappedIdentity } from './mappingRules';
import { TraceSpan, resolveTrace } from './resolveTrace';

const TRACE = 'a'.repeat(32);
const START = BigInt(TEST_NOW.toMillis()) * 1_000_000n;

/** A span as a producer would export it; ids are short names padded to 16 hex chars. */
function span(
  id: string,
  parent: string | undefined,
  name: string,
  attributes: Record<string, AttributeValue>,
  options: { resource?: Record<string, AttributeValue>; trace?: string } = {},
): OtlpSpan {
  const hex = (s: string) => Buffer.from(s).toString('hex').padEnd(16, '0');
  return {
    path: `spans[${id}]`,
    traceId: options.trace ?? TRACE,
    spanId: hex(id),
    parentSpanId: parent ? hex(parent) : '',
    name,
    kind: 1,
    startTimeUnixNano: START,
    endTimeUnixNano: START + 40_000_000n,
    attributes: new Map(Object.entries(attributes)),
    resource: new Map(Object.entries(options.resource ?? {})),
    statusCode: 0,
  };
}

const read = (spans: OtlpSpan[], modelOperations = MODEL_OPERATIONS) =>
  spans.map(s => classifySpan(s, { modelOperations }));

const pending = (spans: OtlpSpan[]): TraceSpan[] =>
  read(spans).map(s => ({ ...s, pending: Boolean(s.role || s.grant) }));

const toolCalls = (events: { operation: string; tool?: string }[]) =>
  events.filter(e => e.operation === 'execute_tool').map(e => e.tool);

describe('resolveTrace', () => {
  it('attributes each tool call to the innermost agent above it', () => {
    const { events } = attributeSpans(
      read([
        span('outer', undefined, 'invoke_agent triage', {
          'gen_ai.operation.name': 'invoke_agent',
          'gen_ai.agent.id': 'spiffe://acme.example/agent/triage',
        }),
        span('lookup', 'outer', 'execute_tool orders.lookup', {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': 'orders.lookup',
        }),
        span('handoff', 'outer', 'execute_tool refunds', {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': 'refunds',
        }),
        span('inner', 'handoff', 'invoke_agent refunds', {
          'gen_ai.operation.name': 'invoke_agent',
          'gen_ai.agent.id': 'spiffe://acme.example/agent/refund-assistant',
        }),
        span('issue', 'inner', 'execute_tool refunds.issue', {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': 'refunds.issue',
        }),
      ]),
    );
    const byAgent = (id: string) =>
      toolCalls(events.filter(e => e.agentIdentityId === id)).sort();
    expect(byAgent('spiffe://acme.example/agent/triage')).toEqual([
      'orders.lookup',
      'refunds',
    ]);
    expect(byAgent('spiffe://acme.example/agent/refund-assistant')).toEqual([
      'refunds.issue',
    ]);
  });

  it('counts one call seen on the framework span, the MCP client span and the MCP server span once, with what each knows', () => {
    const { events } = attributeSpans(
      read([
        span('agent', undefined, 'invoke_agent agent', {
          'gen_ai.operation.name': 'invoke_agent',
          'gen_ai.agent.name': 'support-bot',
        }),
        span('running', 'agent', 'running tools', { tools: ['joker'] }),
        // An older framework: no gen_ai.operation.name on the tool span.
        span('exec', 'running', 'execute_tool joker', {
          'gen_ai.tool.name': 'joker',
        }),
        span('client', 'exec', 'MCP request: tools/call joker', {
          'rpc.method': 'tools/call',
        }),
        span('server', 'client', 'MCP server handle request: tools/call', {
          request: JSON.stringify({
            method: 'tools/call',
            params: { name: 'joker' },
          }),
          'error.type': 'tool_error',
        }),
      ]),
    );
    expect(toolCalls(events)).toEqual(['joker']);
    expect(events.find(e => e.tool === 'joker')).toMatchObject({
      agentName: 'support-bot',
      errorType: 'tool_error',
    });
  });

  it('merges what the inner spans of a call know when they arrived first', () => {
    const spans = [
      span('server', 'exec', 'tools/call lookup', {
        'mcp.method.name': 'tools/call',
        'gen_ai.tool.name': 'lookup',
        'mandate.policy.decision': 'deny',
        'mandate.policy.rule_id': 'not-in-scope',
      }),
      span('exec', 'agent', 'execute_tool lookup', {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': 'lookup',
      }),
      span('agent', undefined, 'invoke_agent', {
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.agent.name': 'bot',
      }),
    ];
    const { events } = resolveTrace(pending(spans));
    expect(events.filter(e => e.tool === 'lookup')).toEqual([
      expect.objectContaining({ decision: 'deny', ruleId: 'not-in-scope' }),
    ]);
  });

  it('holds a child that names no agent until the chain up to the root has arrived', () => {
    const child = span('tool', 'run', 'execute_tool search', {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'search',
    });
    const waiting = resolveTrace(pending([child]));
    expect(waiting.settled).toEqual([]);
    expect(waiting.events).toEqual([]);

    const root = span('run', undefined, 'invoke_agent', {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'researcher',
    });
    const resolved = resolveTrace(pending([child, root]));
    expect(resolved.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ tool: 'search', agentName: 'researcher' }),
      ]),
    );
  });

  it("counts a gateway's span that names its agent at once, and holds a framework's span that may sit in another agent's run", () => {
    const gateway = span('gw', 'agents-client-span', 'tools/call search', {
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'search',
      'gen_ai.agent.id': 'spiffe://acme.example/agent/researcher',
      'mandate.policy.decision': 'allow',
    });
    const framework = span('fw', 'run', 'execute_tool search', {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'search',
      'gen_ai.agent.name': 'OpenAI Agent',
    });
    const resolved = resolveTrace(pending([gateway, framework]));
    expect(resolved.settled).toEqual([gateway.spanId]);
    expect(resolved.events).toHaveLength(1);
  });

  it('takes the agent from the run when every span carries an instrumentation default', () => {
    const defaults = {
      'gen_ai.agent.id': 'agent',
      'gen_ai.agent.name': 'OpenAI Agent',
    };
    const { events } = attributeSpans(
      read([
        span('outer', undefined, 'invoke_agent orchestrator', {
          'gen_ai.operation.name': 'invoke_agent',
          'gen_ai.agent.id': 'agent',
          'gen_ai.agent.name': 'orchestrator',
        }),
        span('as-tool', 'outer', 'execute_tool translate', {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': 'translate',
          ...defaults,
        }),
        span('inner', 'as-tool', 'invoke_agent translator', {
          'gen_ai.operation.name': 'invoke_agent',
          'gen_ai.agent.id': 'agent',
          'gen_ai.agent.name': 'translator',
        }),
        span('chat', 'inner', 'chat gpt-4.1', {
          'gen_ai.operation.name': 'chat',
          'gen_ai.response.model': 'gpt-4.1',
          ...defaults,
        }),
      ]),
    );
    const keys = events.map(
      e => `${e.operation}:${e.agentIdentityId ?? `name:${e.agentName}`}`,
    );
    expect(keys.sort()).toEqual([
      'execute_tool:name:orchestrator',
      'invoke_agent:name:orchestrator',
      'invoke_agent:name:translator',
      'model_call:name:translator',
    ]);
  });

  it('takes tokens and the model from the model calls, not again from the run total on the agent span', () => {
    const { events } = attributeSpans(
      read([
        span('run', undefined, 'invoke_agent', {
          'gen_ai.operation.name': 'invoke_agent',
          'gen_ai.agent.name': 'writer',
          'gen_ai.request.model': 'gpt-4o',
          'gen_ai.usage.input_tokens': 132,
          'gen_ai.usage.output_tokens': 36,
        }),
        span('chat1', 'run', 'chat gpt-4o', {
          'gen_ai.operation.name': 'chat',
          'gen_ai.response.model': 'gpt-4o-2024-08-06',
          'gen_ai.usage.input_tokens': 45,
          'gen_ai.usage.output_tokens': 15,
        }),
        span('chat2', 'run', 'chat gpt-4o', {
          'gen_ai.operation.name': 'chat',
          'gen_ai.response.model': 'gpt-4o-2024-08-06',
          'gen_ai.usage.input_tokens': 87,
          'gen_ai.usage.output_tokens': 21,
        }),
      ]),
    );
    const tokens = events.reduce(
      (sum, e) => sum + (e.inputTokens ?? 0) + (e.outputTokens ?? 0),
      0,
    );
    expect(tokens).toBe(132 + 36);
    expect(
      events
        .filter(e => e.responseModel ?? e.requestModel)
        .map(e => e.responseModel),
    ).toEqual(['gpt-4o-2024-08-06', 'gpt-4o-2024-08-06']);
  });

  it('reads framework-specific model operations when told their names', () => {
    const call = span('llm', undefined, 'call_llm', {
      'gen_ai.operation.name': 'call_llm',
      'gen_ai.agent.name': 'planner',
      'gen_ai.request.model': 'gemini-2.0-flash',
    });
    expect(read([call])[0].role).toBeUndefined();
    expect(read([call], [...MODEL_OPERATIONS, 'call_llm'])[0].role).toBe(
      'model',
    );
  });

  it('falls back to the resource, then baggage, then a mapping rule', () => {
    const rules = [
      {
        attribute: 'jwt.sub',
        map: {
          'refund-bot@acme.example':
            'spiffe://acme.example/agent/refund-assistant',
        },
      },
      {
        attribute: 'src.identity',
        pattern: /^spiffe:\/\/acme\.example\/sa\/(.+)$/,
        identity: 'spiffe://acme.example/agent/$1',
      },
    ];
    const viaRules = (attributes: Record<string, AttributeValue>) => {
      const s = span('gw', undefined, 'POST /mcp', {
        'mcp.method.name': 'tools/call',
        'gen_ai.tool.name': 'orders.lookup',
        ...attributes,
      });
      const [facts] = read([s]).map(f => ({
        ...f,
        mappedIdentity: mappedIdentity(rules, 'otlp', s.attributes, s.resource),
      }));
      return attributeSpans([facts]).events[0]?.agentIdentityId;
    };
    expect(viaRules({ 'jwt.sub': 'refund-bot@acme.example' })).toBe(
      'spiffe://acme.example/agent/refund-assistant',
    );
    expect(
      viaRules({ 'src.identity': 'spiffe://acme.example/sa/ticket-triage' }),
    ).toBe('spiffe://acme.example/agent/ticket-triage');
    expect(viaRules({ 'jwt.sub': 'someone-else' })).toBeUndefined();

    const viaResource = span(
      'r',
      undefined,
      'execute_tool x',
      { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'x' },
      { resource: { 'gen_ai.agent.id': 'spiffe://acme.example/agent/r' } },
    );
    const viaBaggage = span('b', undefined, 'execute_tool y', {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'y',
      'baggage.gen_ai.agent.name': 'from-baggage',
    });
    const { events } = attributeSpans(read([viaResource, viaBaggage]));
    expect(events.map(e => e.agentIdentityId ?? `name:${e.agentName}`)).toEqual(
      ['spiffe://acme.example/agent/r', 'name:from-baggage'],
    );
  });

  it('reports what names no agent once its hold has passed', () => {
    const anonymous = span('x', undefined, 'execute_tool Bash', {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'Bash',
      'gen_ai.conversation.id': 'sess_123',
    });
    const { events, unattributed } = attributeSpans(read([anonymous]));
    expect(events).toEqual([]);
    expect(unattributed.map(u => u.tool)).toEqual(['Bash']);
  });

  it('counts one call that two traces share by gen_ai.tool.call.id under one key', () => {
    const client = span(
      'c',
      undefined,
      'execute_tool lookup',
      {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': 'lookup',
        'gen_ai.tool.call.id': 'call_42',
        'gen_ai.agent.name': 'bot',
      },
      { trace: 'b'.repeat(32) },
    );
    const server = span(
      's',
      undefined,
      'tools/call lookup',
      {
        'mcp.method.name': 'tools/call',
        'gen_ai.tool.name': 'lookup',
        'gen_ai.tool.call.id': 'call_42',
        'gen_ai.agent.name': 'bot',
      },
      { trace: 'c'.repeat(32) },
    );
    const ids = attributeSpans(read([client, server])).events.map(e => e.id);
    expect(ids).toEqual(['call:name:bot:call_42', 'call:name:bot:call_42']);
  });

  it('ignores spans that report nothing for an agent', () => {
    const http = span('h', undefined, 'GET /orders', {
      'http.request.method': 'GET',
      'url.path': '/orders',
    });
    const facts = read([http]);
    expect(facts[0].role).toBeUndefined();
    expect(attributeSpans(facts)).toEqual({
      events: [],
      grants: [],
      unattributed: [],
    });
  });

  describe('traces a sender linked in a loop or too deep', () => {
    const TRIAGE = 'spiffe://acme.example/agent/triage';
    const call = (
      id: string,
      parent: string,
      tool: string,
      agent: Record<string, string> = {},
    ) =>
      span(id, parent, `execute_tool ${tool}`, {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': tool,
        ...agent,
      });
    const tool = (id: string, parent: string, name: string) =>
      call(id, parent, name, { 'gen_ai.agent.id': TRIAGE });
    const expire = (spans: TraceSpan[]) =>
      spans.map(s => ({ ...s, expired: true }));

    it('keeps spans that are each other’s parents waiting, and counts each once when their hold ends', () => {
      const loop = pending([
        tool('a', 'b', 'orders.lookup'),
        tool('b', 'a', 'refunds.issue'),
      ]);

      expect(resolveTrace(loop).settled).toEqual([]);
      const resolved = resolveTrace(expire(loop));
      expect(resolved.settled.sort()).toEqual(loop.map(s => s.spanId).sort());
      expect(toolCalls(resolved.events).sort()).toEqual([
        'orders.lookup',
        'refunds.issue',
      ]);
    });

    it('reads a span that is its own parent, sent many times over, once', () => {
      const self = pending(
        Array.from({ length: 40 }, () => tool('s', 's', 'orders.lookup')),
      );

      const resolved = resolveTrace(expire(self));

      expect(toolCalls(resolved.events)).toEqual(['orders.lookup']);
    });

    it('looks 128 spans up at most: a call deeper than that waits, then names no agent', () => {
      const chain = pending([
        span('0', undefined, 'invoke_agent triage', {
          'gen_ai.operation.name': 'invoke_agent',
          'gen_ai.agent.id': TRIAGE,
        }),
        ...Array.from({ length: 2_000 }, (_, i) =>
          span(String(i + 1), String(i), 'step', {}),
        ),
        call('deep', '2000', 'orders.lookup'),
        call('near', '100', 'refunds.issue'),
      ]);

      const waiting = resolveTrace(chain);
      expect(toolCalls(waiting.events)).toEqual(['refunds.issue']);
      const resolved = resolveTrace(expire(chain));
      expect(resolved.unattributed.map(s => s.tool)).toEqual(['orders.lookup']);
    });
  });
});
