import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';
import { Caller, CallerAccess, Callers } from '../access/CallerAccess';
import { AgentRecord } from '../domain/agentRecord';

export type { Callers };

type AnyRequest = Request<any, any, any, any, any>;

/**
 * What every route asks of a request: who calls, which agent, and the audit of the call.
 * The checks themselves are {@link CallerAccess}'s, which the actions share.
 */
export class RequestContext {
  constructor(
    private readonly options: {
      access: CallerAccess;
      httpAuth: HttpAuthService;
    },
  ) {}

  /** The signed-in user, with the groups they belong to. */
  async caller(req: AnyRequest): Promise<Caller> {
    const credentials = await this.options.httpAuth.credentials(req, {
      allow: ['user', 'none'],
    });
    return this.options.access.user(credentials);
  }

  /**
   * The caller's credentials; with `services`, a service (a gateway's external-access
   * token) may call too, limited by its access restrictions in the permission framework.
   */
  async credentials(
    req: AnyRequest,
    callers: Callers = {},
  ): Promise<BackstageCredentials> {
    if (!callers.services) return (await this.caller(req)).credentials;
    const credentials = await this.options.httpAuth.credentials(req, {
      allow: ['user', 'service', 'none'],
    });
    return this.options.access.principal(credentials, callers);
  }

  /** The owners whose agents the caller may read; undefined means every agent. */
  async visibleOwners(req: AnyRequest, callers: Callers = {}) {
    return this.options.access.visibleOwners(
      await this.credentials(req, callers),
      callers,
    );
  }

  async loadAgent(entityRef: string): Promise<AgentRecord> {
    return this.options.access.loadAgent(entityRef);
  }

  /** The agent named by the path, once the caller may read it. */
  async readableAgent(
    req: AnyRequest,
    action = 'read',
    callers: Callers = {},
  ): Promise<AgentRecord> {
    return this.options.access.readableAgent(
      await this.credentials(req, callers),
      `agent:${req.params.namespace}/${req.params.name}`,
      action,
      callers,
    );
  }

  /** Runs `work` as an event of Backstage's auditor, besides Mandate's own trail. */
  async audited<T>(
    req: AnyRequest,
    eventId: string,
    meta: JsonObject,
    work: () => Promise<T>,
  ): Promise<T> {
    return this.options.access.audited({ eventId, meta, request: req }, work);
  }
}
