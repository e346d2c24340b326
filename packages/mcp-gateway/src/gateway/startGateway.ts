import { Enforcer } from '@mandate/plugin-agents-enforcement';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { createGateway } from './createGateway';
import { gatewayTracing } from './tracing';
import { UpstreamClients, discoverUpstreams } from './Upstreams';

/** @public */
export interface GatewayOptions {
  /** Mandate's Backstage backend, such as http://localhost:7007. */
  baseUrl: string;
  /** A Backstage service token with Mandate's agents.* permissions. */
  token: string;
  port?: number;
  /** Where to listen; loopback by default (put it behind your ingress to expose it). */
  host?: string;
  /** Upstream MCP servers by API entity name, over (or beside) the catalog's remotes. */
  upstreams?: Record<string, string>;
  /** How often to look for policy changes; 1 second by default. */
  pollIntervalMs?: number;
  /** Where spans go instead of Mandate's OTLP receiver (tests). */
  exporter?: SpanExporter;
  clock?: () => Date;
  log?: (line: string) => void;
}

/**
 * Starts the gateway: loads the policies, finds the upstreams, listens.
 * @public
 */
export async function startGateway(options: GatewayOptions) {
  const log = options.log ?? (() => {});
  const tracing = gatewayTracing(options);
  const enforcer = new Enforcer({
    mandate: { baseUrl: options.baseUrl, token: options.token },
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    tracer: tracing.tracer,
    clock: options.clock,
    onError: error => log(`policy refresh failed: ${error.message}`),
  });
  await enforcer.start();
  const upstreams = new UpstreamClients(
    await discoverUpstreams({
      baseUrl: options.baseUrl,
      token: options.token,
      overrides: options.upstreams,
    }),
  );
  const app = createGateway({ enforcer, upstreams, clock: options.clock });
  const server: Server = await new Promise(resolve => {
    const s = app.listen(
      options.port ?? 7300,
      options.host ?? '127.0.0.1',
      () => resolve(s),
    );
  });
  const url = `http://${options.host ?? '127.0.0.1'}:${
    (server.address() as AddressInfo).port
  }`;
  log(
    `Mandate MCP gateway on ${url}/mcp/<server>: ${upstreams
      .names()
      .join(', ')}`,
  );
  return {
    url,
    enforcer,
    flushSpans: tracing.flush,
    async stop() {
      enforcer.stop();
      await new Promise(resolve => server.close(resolve));
      await upstreams.close();
      await tracing.shutdown();
    },
  };
}

/** @public */
export type RunningGateway = Awaited<ReturnType<typeof startGateway>>;
