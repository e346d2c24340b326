import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { AuthenticationError, NotFoundError } from '@backstage/errors';
import { agentReadPermission } from '@mandate/plugin-agents-common';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';
import { AgentsDatabase } from '../database/AgentsDatabase';
import { AgentRecord } from '../domain/agentRecord';
import { AgentAuthorizer } from '../permissions/AgentAuthorizer';
import { Actor } from '../workflows/Governance';

type AnyRequest = Request<any, any, any, any, any>;

const NO_TOKEN =
  'Sign in to use Mandate: this request carried no Backstage token';

/** Who may call a route: signed-in users only, or gateways' service tokens too. */
export type Callers = { services?: boolean };

/** What every route asks of a request: who calls, which agent, and the audit of the call. */
export class RequestContext {
  constructor(
    private readonly options: {
      db: AgentsDatabase;
      authorizer: AgentAuthorizer;
      httpAuth: HttpAuthService;
      userInfo: UserInfoService;
      auditor: AuditorService;
    },
  ) {}

  /** The signed-in user, with the groups they belong to. */
  async caller(req: AnyRequest): Promise<{
    credentials: BackstageCredentials<BackstageUserPrincipal>;
    actor: Actor;
  }> {
    const credentials = await this.options.httpAuth.credentials(req, {
      allow: ['user', 'none'],
    });
    if (credentials.principal.type === 'none') {
      throw new AuthenticationError(NO_TOKEN);
    }
    const user = credentials as BackstageCredentials<BackstageUserPrincipal>;
    const info = await this.options.userInfo.getUserInfo(user);
    return {
      credentials: user,
      actor: { ref: info.userEntityRef, claims: info.ownershipEntityRefs },
    };
  }

  /**
   * The caller's credentials; with `services`, a service (a gateway's external-access
   * token) may call too, limited by its access restrictions in the permission framework.
   */
  async credentials(
    req: AnyRequest,
    { services = false }: Callers = {},
  ): Promise<BackstageCredentials> {
    if (!services) return (await this.caller(req)).credentials;
    const credentials = await this.options.httpAuth.credentials(req, {
      allow: ['user', 'service', 'none'],
    });
    if (credentials.principal.type === 'none') {
      throw new AuthenticationError(NO_TOKEN);
    }
    return credentials;
  }

  /** The owners whose agents the caller may read; undefined means every agent. */
  async visibleOwners(req: AnyRequest, callers: Callers = {}) {
    return this.options.authorizer.visibleOwners(
      agentReadPermission,
      await this.credentials(req, callers),
    );
  }

  async loadAgent(entityRef: string): Promise<AgentRecord> {
    const agent = await this.options.db.stores.agents.get(entityRef);
    if (!agent) {
      throw new NotFoundError(`No agent ${entityRef} is known to Mandate`);
    }
    return agent;
  }

  /** The agent named by the path, once the caller may read it. */
  async readableAgent(
    req: AnyRequest,
    action = 'read',
    callers: Callers = {},
  ): Promise<AgentRecord> {
    const credentials = await this.credentials(req, callers);
    const agent = await this.loadAgent(
      `agent:${req.params.namespace}/${req.params.name}`,
    );
    await this.options.authorizer.assert(
      agentReadPermission,
      agent,
      credentials,
      action,
    );
    return agent;
  }

  /** Runs `work` as an event of Backstage's auditor, besides Mandate's own trail. */
  async audited<T>(
    req: AnyRequest,
    eventId: string,
    meta: JsonObject,
    work: () => Promise<T>,
  ): Promise<T> {
    const event = await this.options.auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const result = await work();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }
}
