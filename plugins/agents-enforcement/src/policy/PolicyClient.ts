import { PolicyBundle, PolicySnapshot } from './PolicySnapshot';

/** Where Mandate is and how to call it: shared by the clients of this package. @public */
export interface MandateConnection {
  /**
   * The Backstage backend's base URL (`http://localhost:7007`); Mandate's API is under
   * `/api/agents`.
   */
  baseUrl: string;
  /** A Backstage service token (external access), sent as a bearer token. */
  token: string;
  /** The fetch to use; the global one by default. */
  fetch?: typeof fetch;
}

/** The URL of one of Mandate's API paths (`/v1/policies`). */
export function agentsApiUrl(connection: MandateConnection, path: string) {
  return `${connection.baseUrl.replace(/\/+$/, '')}/api/agents${path}`;
}

/** Calls Mandate's API with the connection's token; throws on an answer it cannot use. */
export async function callMandate(
  connection: MandateConnection,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  const doFetch = connection.fetch ?? fetch;
  const res = await doFetch(agentsApiUrl(connection, path), {
    ...init,
    headers: {
      Authorization: `Bearer ${connection.token}`,
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      ...init.headers,
    },
  });
  if (!res.ok && res.status !== 304) {
    let message = res.statusText;
    try {
      message = (await res.json()).error?.message ?? message;
    } catch {
      // not JSON: keep the status text
    }
    throw new Error(`Mandate answered ${res.status} to ${path}: ${message}`);
  }
  return res;
}

/**
 * Where a {@link PolicyClient} loads the policies from, and how often it asks again.
 * @public
 */
export interface PolicyClientOptions extends MandateConnection {
  /** How often to ask whether the policies changed; 2 seconds by default. */
  pollIntervalMs?: number;
  /** Told when a poll fails; the last good policies stay in force meanwhile. */
  onError?: (error: Error) => void;
}

/**
 * Keeps the current copy of Mandate's policies: the bundle of every agent the token may
 * read, in JSON and Cedar, fetched with the ETag of the copy held (an unchanged bundle costs
 * a 304), verified against its hashes before it replaces the copy in force. Poll it with
 * `start()`, or call `refresh()` yourself.
 * @public
 */
export class PolicyClient {
  private snapshot?: PolicySnapshot;
  private timer?: NodeJS.Timeout;
  private readonly listeners: Array<(snapshot: PolicySnapshot) => void> = [];

  constructor(private readonly options: PolicyClientOptions) {}

  /** The policies in force; throws until the first refresh succeeded. */
  current(): PolicySnapshot {
    if (!this.snapshot) {
      throw new Error(
        "Mandate's policies are not loaded yet; call refresh() first",
      );
    }
    return this.snapshot;
  }

  /** Fetches the policies if they changed; true when a new copy is in force. */
  async refresh(): Promise<boolean> {
    // The JSON and the Cedar form are two requests; a change between them shows as another
    // ETag on the second, and the pair is fetched again.
    for (let attempt = 1; ; attempt++) {
      const etag = this.snapshot ? `"${this.snapshot.hash}"` : undefined;
      const headers: Record<string, string> = etag
        ? { 'If-None-Match': etag }
        : {};
      const res = await callMandate(this.options, '/v1/policies', { headers });
      if (res.status === 304) return false;
      const bundle = (await res.json()) as PolicyBundle;
      const cedarRes = await callMandate(
        this.options,
        '/v1/policies?format=cedar',
      );
      if (cedarRes.headers.get('etag') !== `"${bundle.hash}"` && attempt < 3) {
        continue;
      }
      const next = PolicySnapshot.from(bundle, await cedarRes.text());
      if (next.hash === this.snapshot?.hash) return false;
      this.snapshot = next;
      for (const listener of this.listeners) listener(next);
      return true;
    }
  }

  /** Calls `listener` with each new copy of the policies. */
  onChange(listener: (snapshot: PolicySnapshot) => void): void {
    this.listeners.push(listener);
  }

  /** Loads the policies, then keeps polling until `stop()`. */
  async start(): Promise<void> {
    await this.refresh();
    const every = this.options.pollIntervalMs ?? 2000;
    const poll = () => {
      this.refresh()
        .catch(error => this.options.onError?.(error as Error))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(poll, every);
        });
    };
    this.timer = setTimeout(poll, every);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
