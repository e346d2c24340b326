import { GatewayConfig } from './config';
import { MalformedResponseError } from './fields';

const CONTRACT = 'docs/gateway-http-contract.md';
const EXCERPT_LENGTH = 200;

/**
 * Calls one gateway's `/mandate/v1` endpoints with its bearer token and timeout. Every
 * failure becomes an Error that names the gateway, the request and what to check.
 */
export class GatewayClient {
  constructor(private readonly gateway: GatewayConfig) {}

  /** `gateway <id>`, the prefix of every error message. */
  get name(): string {
    return `gateway ${this.gateway.id}`;
  }

  async get<T>(
    path: string,
    query: Record<string, string | undefined>,
    read: (body: unknown) => T,
    signal?: AbortSignal,
  ): Promise<T> {
    return this.request('GET', path, { query, read, signal });
  }

  async post<T>(
    path: string,
    body: unknown,
    read: (body: unknown) => T,
    signal?: AbortSignal,
  ): Promise<T> {
    return this.request('POST', path, { body, read, signal });
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    options: {
      query?: Record<string, string | undefined>;
      body?: unknown;
      read: (body: unknown) => T;
      signal?: AbortSignal;
    },
  ): Promise<T> {
    const url = new URL(`${this.gateway.baseUrl}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    const what = `${this.name}: ${method} ${url}`;
    const timeout = AbortSignal.timeout(this.gateway.timeoutMs);
    const signal = options.signal
      ? AbortSignal.any([options.signal, timeout])
      : timeout;

    let status: number;
    let text: string;
    try {
      const response = await fetch(url, {
        method,
        headers: this.headers(options.body !== undefined),
        body:
          options.body === undefined ? undefined : JSON.stringify(options.body),
        signal,
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      if (timeout.aborted) {
        throw new Error(
          `${what} timed out after ${
            this.gateway.timeoutMs / 1000
          }s; check that the gateway is up, or raise agents.gateways.http[].timeout`,
        );
      }
      if (options.signal?.aborted) {
        throw new Error(`${what} was cancelled`);
      }
      throw new Error(
        `${what} failed: ${describe(
          error,
        )}; check agents.gateways.http[].baseUrl and that the gateway is reachable`,
      );
    }

    if (status < 200 || status > 299) {
      throw new Error(
        `${what} answered HTTP ${status}${hint(status)}: ${excerpt(text)}`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(
        `${what} answered HTTP ${status} with a body that is not JSON: ${excerpt(
          text,
        )}; the gateway must follow ${CONTRACT}`,
      );
    }
    try {
      return options.read(json);
    } catch (error) {
      if (error instanceof MalformedResponseError) {
        throw new Error(
          `${this.name}: ${error.message} (${method} ${url.pathname}); the gateway must follow ${CONTRACT}`,
        );
      }
      throw error;
    }
  }

  private headers(withBody: boolean): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (withBody) headers['Content-Type'] = 'application/json';
    if (this.gateway.token) {
      headers.Authorization = `Bearer ${this.gateway.token}`;
    }
    return headers;
  }
}

function hint(status: number): string {
  if (status === 401 || status === 403) {
    return ' (check agents.gateways.http[].token)';
  }
  if (status === 404) {
    return ' (check that agents.gateways.http[].baseUrl points at a gateway serving /mandate/v1)';
  }
  return '';
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return '(empty body)';
  return flat.length > EXCERPT_LENGTH
    ? `${flat.slice(0, EXCERPT_LENGTH)}…`
    : flat;
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })
    ?.cause;
  if (cause?.code) return `${cause.code} ${cause.message ?? ''}`.trim();
  return error instanceof Error ? error.message : String(error);
}
