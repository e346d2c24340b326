import { AgentGrant, TelemetryEvent } from '@mandate/plugin-agents-node';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { at } from './time';

/** A request the fake gateway received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization?: string;
  body?: unknown;
}

/** What to answer instead of the contract's behaviour for one path. */
export interface Override {
  status?: number;
  body?: string;
  delayMs?: number;
}

/**
 * A gateway implementing docs/gateway-http-contract.md in memory, listening on 127.0.0.1 on
 * a free port, for tests of the module against real HTTP.
 */
export class FakeGateway {
  events: TelemetryEvent[] = [];
  grants: AgentGrant[] = [];
  readonly blocked = new Set<string>();
  readonly requests: ReceivedRequest[] = [];
  readonly overrides = new Map<string, Override>();
  /** When set, requests without `Authorization: Bearer <token>` get 401. */
  token?: string;
  now = new Date(at('12:00'));

  private server?: http.Server;

  get baseUrl(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch(error => {
        res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise(resolve => this.server?.close(resolve));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url!, 'http://fake');
    const raw = await readBody(req);
    this.requests.push({
      method: req.method!,
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
      body: raw ? JSON.parse(raw) : undefined,
    });
    const override = this.overrides.get(url.pathname);
    if (override?.delayMs) {
      await new Promise(resolve => setTimeout(resolve, override.delayMs));
    }
    if (override?.status !== undefined || override?.body !== undefined) {
      res
        .writeHead(override.status ?? 200, {
          'Content-Type': 'application/json',
        })
        .end(override.body ?? '');
      return;
    }
    if (this.token && req.headers.authorization !== `Bearer ${this.token}`) {
      json(res, 401, { error: 'missing or wrong bearer token' });
      return;
    }
    json(res, ...this.route(req.method!, url, raw));
  }

  private route(method: string, url: URL, raw: string): [number, unknown] {
    const path = url.pathname;
    if (method === 'GET' && path === '/mandate/v1/telemetry') {
      const offset = Number(url.searchParams.get('cursor') ?? '0');
      const limit = Number(url.searchParams.get('limit') ?? '100');
      const events = this.events.slice(offset, offset + limit);
      const next = offset + events.length;
      return [
        200,
        {
          events,
          // Grant states ride along with the first page only, as a gateway might send changes.
          grants: offset === 0 ? this.grants : [],
          nextCursor: String(next),
          hasMore: next < this.events.length,
        },
      ];
    }
    if (method === 'GET' && path === '/mandate/v1/grants') {
      const agent = url.searchParams.get('agent');
      const activeOnly = url.searchParams.get('active') === 'true';
      const grants = this.grants.filter(
        g =>
          g.agentIdentityId === agent &&
          (!activeOnly || (!g.revokedAt && !this.expired(g))),
      );
      return [200, { grants }];
    }
    const containment =
      /^\/mandate\/v1\/agents\/([^/]+)\/(suspend|resume)$/.exec(path);
    if (method === 'POST' && containment) {
      const agent = decodeURIComponent(containment[1]);
      const { reason } = JSON.parse(raw || '{}');
      if (typeof reason !== 'string' || !reason) {
        return [400, { error: 'reason is required' }];
      }
      if (containment[2] === 'resume') {
        this.blocked.delete(agent);
        return [200, { revokedGrantIds: [] }];
      }
      this.blocked.add(agent);
      const revoked = this.grants.filter(
        g => g.agentIdentityId === agent && !g.revokedAt && !this.expired(g),
      );
      for (const grant of revoked) grant.revokedAt = this.now.toISOString();
      return [
        200,
        {
          revokedGrantIds: revoked.map(g => g.id),
          message: `blocked ${agent}`,
        },
      ];
    }
    if (method === 'GET' && path === '/mandate/v1/health') {
      return [200, { status: 'ok', lastDataAt: at('11:59') }];
    }
    return [404, { error: `no route ${method} ${path}` }];
  }

  private expired(grant: AgentGrant): boolean {
    return !!grant.expiresAt && new Date(grant.expiresAt) <= this.now;
  }
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res
    .writeHead(status, { 'Content-Type': 'application/json' })
    .end(JSON.stringify(body));
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
