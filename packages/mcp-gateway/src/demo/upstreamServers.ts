import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  Tool,
} from '@modelcontextprotocol/sdk/types.js';
import express from 'express';
import { readFileSync } from 'node:fs';
import { Server as HttpServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { serveStateless } from '../gateway/serveStateless';

/**
 * The example MCP servers the demo runs, as the example API entities list them.
 * @public
 */
export const DEMO_UPSTREAMS = ['orders-mcp', 'payments-mcp', 'tickets-mcp'];

/** The repository's example API entities (the gateway runs from the repository). */
const EXAMPLE_APIS = resolve(
  dirname(require.resolve('@mandate/mcp-gateway/package.json')),
  '../../examples/mcp-servers.yaml',
);

/** Each example API's tools, from its `definition` (its tools/list answer). */
function exampleTools(): Map<string, Tool[]> {
  const tools = new Map<string, Tool[]>();
  for (const doc of parseAllDocuments(readFileSync(EXAMPLE_APIS, 'utf8'))) {
    const entity = doc.toJS();
    if (entity?.kind !== 'API' || entity.spec?.type !== 'mcp-server') continue;
    const definition = JSON.parse(entity.spec.definition);
    tools.set(
      entity.metadata.name,
      definition.tools.map((t: Tool) => ({
        ...t,
        inputSchema: { type: 'object', additionalProperties: true },
      })),
    );
  }
  return tools;
}

/** What the example tools answer: plausible, made-up records. */
function answer(tool: string, args: Record<string, unknown>) {
  const order = String(args.orderId ?? 'A-1042');
  switch (tool) {
    case 'orders.lookup':
      return { orderId: order, status: 'delivered', totalUsd: 184.5 };
    case 'orders.history':
      return { orders: [{ orderId: order, totalUsd: 184.5 }] };
    case 'refunds.issue':
      return {
        refundId: `R-${order}`,
        orderId: order,
        amountUsd: args.amountUsd,
        status: 'issued',
      };
    case 'payments.lookup':
      return { paymentId: `P-${order}`, status: 'settled' };
    default:
      return { ok: true, tool, ...args };
  }
}

function exampleServer(name: string, tools: Tool[]) {
  const server = new Server(
    { name, version: '1.0.0' },
    { capabilities: { tools: {} } },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
  server.setRequestHandler(CallToolRequestSchema, async request => {
    const { name: tool, arguments: args = {} } = request.params;
    if (!tools.some(t => t.name === tool)) {
      return {
        isError: true,
        content: [{ type: 'text', text: `${name} has no tool ${tool}` }],
      };
    }
    return {
      content: [{ type: 'text', text: JSON.stringify(answer(tool, args)) }],
    };
  });
  return server;
}

/**
 * Starts the example MCP servers (orders, payments, tickets) on loopback, each a stateless
 * Streamable HTTP endpoint at `/mcp`; returns their URLs by API entity name.
 * @public
 */
export async function startDemoUpstreams(options: { firstPort?: number } = {}) {
  const toolsByApi = exampleTools();
  const servers: HttpServer[] = [];
  const urls: Record<string, string> = {};
  for (const [index, api] of DEMO_UPSTREAMS.entries()) {
    const tools = toolsByApi.get(api) ?? [];
    const app = express().use(express.json());
    app.post('/mcp', (req, res) =>
      serveStateless(exampleServer(api, tools), req, res),
    );
    const port = options.firstPort ? options.firstPort + index : 0;
    const listening: HttpServer = await new Promise(done => {
      const s = app.listen(port, '127.0.0.1', () => done(s));
    });
    servers.push(listening);
    urls[api] = `http://127.0.0.1:${
      (listening.address() as AddressInfo).port
    }/mcp`;
  }
  return {
    urls,
    stop: () =>
      Promise.all(
        servers.map(s => new Promise(done => s.close(() => done(undefined)))),
      ),
  };
}
