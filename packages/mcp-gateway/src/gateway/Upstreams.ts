import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Tool } from '@modelcontextprotocol/sdk/types.js';

/**
 * The MCP server behind one of the gateway's endpoints, by its API entity's name.
 * @public
 */
export interface Upstream {
  /** The API entity's name, such as `orders-mcp`: the gateway serves it at `/mcp/<name>`. */
  name: string;
  url: string;
}

/**
 * The MCP servers the gateway fronts: the catalog's `mcp-server` API entities with a
 * streamable-http remote, and overrides (a local URL for a remote one, or a server the
 * catalog does not list).
 * @public
 */
export async function discoverUpstreams(options: {
  baseUrl: string;
  token: string;
  overrides?: Record<string, string>;
}): Promise<Upstream[]> {
  const urls = new Map<string, string>();
  const res = await fetch(
    `${options.baseUrl.replace(
      /\/+$/,
      '',
    )}/api/catalog/entities/by-query?filter=kind=API,spec.type=mcp-server&limit=500`,
    { headers: { Authorization: `Bearer ${options.token}` } },
  );
  if (res.ok) {
    const { items } = (await res.json()) as { items: any[] };
    for (const entity of items) {
      const remote = (entity.spec?.remotes ?? []).find(
        (r: any) => r?.type === 'streamable-http' && typeof r.url === 'string',
      );
      if (remote) urls.set(entity.metadata.name, remote.url);
    }
  }
  for (const [name, url] of Object.entries(options.overrides ?? {})) {
    urls.set(name, url);
  }
  return [...urls].map(([name, url]) => ({ name, url }));
}

/**
 * One MCP client per upstream, connected on first use and again after a failure.
 * @public
 */
export class UpstreamClients {
  private readonly clients = new Map<string, Promise<Client>>();

  constructor(private readonly upstreams: Upstream[]) {}

  has(name: string): boolean {
    return this.upstreams.some(u => u.name === name);
  }

  names(): string[] {
    return this.upstreams.map(u => u.name);
  }

  private client(name: string): Promise<Client> {
    let client = this.clients.get(name);
    if (!client) {
      const upstream = this.upstreams.find(u => u.name === name)!;
      client = (async () => {
        const c = new Client({ name: 'mandate-gateway', version: '1.0.0' });
        await c.connect(
          new StreamableHTTPClientTransport(new URL(upstream.url)),
        );
        return c;
      })();
      client.catch(() => this.clients.delete(name));
      this.clients.set(name, client);
    }
    return client;
  }

  private async withClient<T>(
    name: string,
    work: (client: Client) => Promise<T>,
  ): Promise<T> {
    try {
      return await work(await this.client(name));
    } catch (error) {
      // A broken connection is made again on the next call.
      this.clients.delete(name);
      throw error;
    }
  }

  async listTools(name: string): Promise<Tool[]> {
    return this.withClient(name, async client => {
      const tools: Tool[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.listTools(cursor ? { cursor } : {});
        tools.push(...page.tools);
        cursor = page.nextCursor;
      } while (cursor);
      return tools;
    });
  }

  callTool(
    name: string,
    tool: string,
    args: Record<string, unknown>,
    options: { timeout?: number } = {},
  ) {
    return this.withClient(name, client =>
      client.callTool({ name: tool, arguments: args }, undefined, options),
    );
  }

  async close(): Promise<void> {
    for (const client of this.clients.values()) {
      await (await client.catch(() => undefined))?.close();
    }
    this.clients.clear();
  }
}
