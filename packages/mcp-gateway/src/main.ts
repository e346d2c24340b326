/*
 * yarn gateway [--demo-upstreams] [--demo-agent] [--upstream <api>=<url> ...]
 *
 * Reads MANDATE_BASE_URL (default http://localhost:7007), MANDATE_TOKEN (a Backstage
 * service token for Mandate) and MANDATE_GATEWAY_PORT (default 7300); MANDATE_GATEWAY_HOST
 * (default 127.0.0.1) is where it listens. --demo-upstreams starts the example MCP servers
 * (orders, payments, tickets) and points the gateway at them; --demo-agent also starts Refund
 * Assistant calling tools through the gateway every few seconds.
 */
import { startDemoAgent } from './demo/demoAgent';
import { startDemoUpstreams } from './demo/upstreamServers';
import { startGateway } from './gateway/startGateway';

function upstreamArgs(argv: string[]): Record<string, string> {
  const upstreams: Record<string, string> = {};
  argv.forEach((arg, i) => {
    if (arg !== '--upstream') return;
    const [name, ...url] = (argv[i + 1] ?? '').split('=');
    if (!name || url.length === 0) {
      throw new Error(
        `--upstream needs <api>=<url>, got "${argv[i + 1] ?? ''}"`,
      );
    }
    upstreams[name] = url.join('=');
  });
  return upstreams;
}

async function main() {
  const argv = process.argv.slice(2);
  const baseUrl = process.env.MANDATE_BASE_URL ?? 'http://localhost:7007';
  const token = process.env.MANDATE_TOKEN;
  if (!token) {
    throw new Error(
      'MANDATE_TOKEN is not set: give the gateway a Backstage service token (backend.auth.externalAccess) with access to the agents plugin',
    );
  }
  const port = Number(process.env.MANDATE_GATEWAY_PORT ?? 7300);
  const log = (line: string) => console.log(`[gateway] ${line}`);
  const demo = argv.includes('--demo-upstreams')
    ? await startDemoUpstreams({ firstPort: port + 1 })
    : undefined;
  const gateway = await startGateway({
    baseUrl,
    token,
    port,
    host: process.env.MANDATE_GATEWAY_HOST,
    upstreams: { ...demo?.urls, ...upstreamArgs(argv) },
    log,
  });
  const agent = argv.includes('--demo-agent')
    ? startDemoAgent({
        baseUrl,
        token,
        gatewayUrl: gateway.url,
        log: line => console.log(`[refund-assistant] ${line}`),
      })
    : undefined;
  const stop = async () => {
    agent?.stop();
    await gateway.stop();
    await demo?.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  console.error(`[gateway] ${(error as Error).message}`);
  process.exit(1);
});
