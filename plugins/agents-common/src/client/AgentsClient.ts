import { ResponseError } from '@backstage/errors';
import { parseEntityRef } from '@backstage/catalog-model';
import createClient, { Client } from 'openapi-fetch';
import type { paths } from '../schema/openapi/generated';
import type {
  AgentDetail,
  AgentSummary,
  ApprovedScope,
  AuditEvent,
  CallApproval,
  ChainVerification,
  EstateSummary,
  Finding,
  GovernanceRequest,
  Page,
  ScopeReview,
} from '../api/types';
import type {
  AgentActivity,
  AgentGrantView,
  AgentMaturity,
  EnforcementStatus,
} from '../api/telemetry';

import type {
  AgentsApi,
  FileRequestBody,
  ListAgentsQuery,
  OperationBody,
  OperationQuery,
} from './AgentsApi';

/**
 * What the client needs from its host: Backstage's discovery and an authenticated fetch.
 * The fetch is called with a `Request`, as Backstage's fetchApi accepts.
 * @public
 */
export interface AgentsClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi: { fetch: typeof fetch };
}

/**
 * Strict RFC 3986 encoding: the backend's OpenAPI validator refuses reserved characters in
 * query values, including the `+` that URLSearchParams writes for a space.
 */
function strictQuery(params: Record<string, unknown>): string {
  const encode = (text: string) =>
    encodeURIComponent(text).replace(
      /[!'()*]/g,
      c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
  return Object.entries(params)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${encode(key)}=${encode(String(value))}`)
    .join('&');
}

function agentPath(entityRef: string) {
  const { namespace, name } = parseEntityRef(entityRef, {
    defaultKind: 'agent',
  });
  return { namespace, name };
}

/** The parsed body of a response; a failed one has thrown before (see the constructor). */
function body<T>(result: { data?: T }): T {
  return result.data as T;
}

/**
 * Talks to `/api/agents`; works in the browser (fetchApi) and in backends. Every path,
 * parameter, body and response is typed from the API's OpenAPI document (openapi-fetch).
 * @public
 */
export class AgentsClient implements AgentsApi {
  private readonly client: Client<paths>;

  constructor(private readonly options: AgentsClientOptions) {
    this.client = createClient<paths>({
      // Handed on as a URL and init, not as the Request: Backstage's fetch middlewares each
      // build `new Request(input, init)` and pass `input` on, which for a Request with a
      // body leaves it used, so the next middleware threw and no POST went out.
      fetch: async request =>
        options.fetchApi.fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body:
            request.method === 'GET' || request.method === 'HEAD'
              ? undefined
              : await request.text(),
          signal: request.signal,
        }),
      querySerializer: strictQuery,
    });
    this.client.use({
      async onResponse({ response }) {
        if (!response.ok) {
          // Keep the backend's explanation (it names the field or the rule) as the message.
          const error = await ResponseError.fromResponse(response);
          error.message = error.body?.error?.message || error.message;
          throw error;
        }
        return undefined;
      },
    });
  }

  private baseUrl() {
    return this.options.discoveryApi.getBaseUrl('agents');
  }

  async listAgents(query: ListAgentsQuery = {}): Promise<Page<AgentSummary>> {
    return body(
      await this.client.request('get', '/v1/agents', {
        baseUrl: await this.baseUrl(),
        params: { query },
      }),
    );
  }

  async exportAgentsCsv(
    query: OperationQuery<'ExportAgentsCsv'> = {},
  ): Promise<string> {
    return body(
      await this.client.request('get', '/v1/agents/export.csv', {
        baseUrl: await this.baseUrl(),
        params: { query },
        parseAs: 'text',
      }),
    );
  }

  async estateSummary(): Promise<EstateSummary> {
    return body(
      await this.client.request('get', '/v1/estate/summary', {
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  async getAgent(entityRef: string): Promise<AgentDetail> {
    return body(
      await this.client.request('get', '/v1/agents/{namespace}/{name}', {
        baseUrl: await this.baseUrl(),
        params: { path: agentPath(entityRef) },
      }),
    );
  }

  async listApprovedScopes(
    entityRef: string,
  ): Promise<{ items: ApprovedScope[] }> {
    return body(
      await this.client.request('get', '/v1/agents/{namespace}/{name}/scopes', {
        baseUrl: await this.baseUrl(),
        params: { path: agentPath(entityRef) },
      }),
    );
  }

  async listReviews(entityRef: string): Promise<{ items: ScopeReview[] }> {
    return body(
      await this.client.request(
        'get',
        '/v1/agents/{namespace}/{name}/reviews',
        {
          baseUrl: await this.baseUrl(),
          params: { path: agentPath(entityRef) },
        },
      ),
    );
  }

  async listAudit(
    entityRef: string,
    page: OperationQuery<'ListAgentAudit'> = {},
  ): Promise<Page<AuditEvent>> {
    return body(
      await this.client.request('get', '/v1/agents/{namespace}/{name}/audit', {
        baseUrl: await this.baseUrl(),
        params: { path: agentPath(entityRef), query: page },
      }),
    );
  }

  async listRequests(
    query: OperationQuery<'ListRequests'> = {},
  ): Promise<Page<GovernanceRequest>> {
    return body(
      await this.client.request('get', '/v1/requests', {
        baseUrl: await this.baseUrl(),
        params: { query },
      }),
    );
  }

  async getRequest(id: string): Promise<GovernanceRequest> {
    return body(
      await this.client.request('get', '/v1/requests/{id}', {
        baseUrl: await this.baseUrl(),
        params: { path: { id } },
      }),
    );
  }

  async fileRequest(request: FileRequestBody): Promise<GovernanceRequest> {
    return body(
      await this.client.request('post', '/v1/requests', {
        baseUrl: await this.baseUrl(),
        body: request,
      }),
    );
  }

  async decideRequest(
    id: string,
    decision: OperationBody<'DecideRequest'>,
  ): Promise<GovernanceRequest> {
    return body(
      await this.client.request('post', '/v1/requests/{id}/decision', {
        baseUrl: await this.baseUrl(),
        params: { path: { id } },
        body: decision,
      }),
    );
  }

  async myReviews(): Promise<{
    reviews: ScopeReview[];
    requests: GovernanceRequest[];
  }> {
    return body(
      await this.client.request('get', '/v1/reviews/mine', {
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  async submitReview(
    id: string,
    submission: OperationBody<'SubmitReview'>,
  ): Promise<ScopeReview> {
    return body(
      await this.client.request('post', '/v1/reviews/{id}/submission', {
        baseUrl: await this.baseUrl(),
        params: { path: { id } },
        body: submission,
      }),
    );
  }

  async listFindings(
    query: OperationQuery<'ListFindings'> = {},
  ): Promise<Page<Finding>> {
    return body(
      await this.client.request('get', '/v1/findings', {
        baseUrl: await this.baseUrl(),
        params: { query },
      }),
    );
  }

  async listCallApprovals(
    query: OperationQuery<'ListCallApprovals'> = {},
  ): Promise<{ items: CallApproval[]; totalCount: number }> {
    return body(
      await this.client.request('get', '/v1/approvals', {
        baseUrl: await this.baseUrl(),
        params: { query },
      }),
    );
  }

  async decideCallApproval(
    id: string,
    decision: OperationBody<'DecideCallApproval'>,
  ): Promise<CallApproval> {
    return body(
      await this.client.request('post', '/v1/approvals/{id}/decision', {
        baseUrl: await this.baseUrl(),
        params: { path: { id } },
        body: decision,
      }),
    );
  }

  async verifyAudit(): Promise<ChainVerification> {
    return body(
      await this.client.request('get', '/v1/audit/verify', {
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  async getAgentActivity(
    entityRef: string,
    window: OperationQuery<'GetAgentActivity'> = {},
  ): Promise<AgentActivity> {
    return body(
      await this.client.request(
        'get',
        '/v1/agents/{namespace}/{name}/activity',
        {
          baseUrl: await this.baseUrl(),
          params: { path: agentPath(entityRef), query: window },
        },
      ),
    );
  }

  async listAgentGrants(
    entityRef: string,
  ): Promise<{ items: AgentGrantView[] }> {
    return body(
      await this.client.request('get', '/v1/agents/{namespace}/{name}/grants', {
        baseUrl: await this.baseUrl(),
        params: { path: agentPath(entityRef) },
      }),
    );
  }

  async getAgentMaturity(entityRef: string): Promise<AgentMaturity> {
    return body(
      await this.client.request(
        'get',
        '/v1/agents/{namespace}/{name}/maturity',
        {
          baseUrl: await this.baseUrl(),
          params: { path: agentPath(entityRef) },
        },
      ),
    );
  }

  async getEnforcementStatus(): Promise<EnforcementStatus> {
    return body(
      await this.client.request('get', '/v1/enforcement/status', {
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  async publishPortalAgent(
    entity: OperationBody<'PublishPortalAgent'>['entity'],
  ): Promise<{ entityRef: string; catalogInfoUrl: string }> {
    return body(
      await this.client.request('post', '/v1/portal/agents', {
        baseUrl: await this.baseUrl(),
        body: { entity },
      }),
    );
  }
}
