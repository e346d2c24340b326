import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { agentReadPermission } from '@mandate/plugin-agents-common';
import { Request } from 'express';
import { AgentsDatabase } from '../database/AgentsDatabase';
import { AgentRecord } from '../domain/agentRecord';
import { AgentAuthorizer } from '../permissions/AgentAuthorizer';
import { Actor } from '../workflows/Governance';

const NO_TOKEN =
  'Sign in to use Mandate: this request carried no Backstage token';
const USERS_ONLY =
  "This operation answers signed-in users only; call it with a user's Backstage token, not a service token";

/** Who may call an operation: signed-in users only, or gateways' service tokens too. */
export type Callers = { services?: boolean };

/** A signed-in user, with the groups they belong to. */
export type Caller = {
  credentials: BackstageCredentials<BackstageUserPrincipal>;
  actor: Actor;
};

/**
 * What every operation asks of its caller, whichever way the call came in (the REST
 * routes, or the actions registry): who calls, which agents they may see, and the audit of
 * the call. Routes read the credentials from the request; actions are given them.
 */
export class CallerAccess {
  constructor(
    private readonly options: {
      db: AgentsDatabase;
      authorizer: AgentAuthorizer;
      userInfo: UserInfoService;
      auditor: AuditorService;
    },
  ) {}

  /** The signed-in user behind the credentials; refuses anonymous and service callers. */
  async user(credentials: BackstageCredentials): Promise<Caller> {
    const principal = this.principal(credentials);
    const user = principal as BackstageCredentials<BackstageUserPrincipal>;
    const info = await this.options.userInfo.getUserInfo(user);
    return {
      credentials: user,
      actor: { ref: info.userEntityRef, claims: info.ownershipEntityRefs },
    };
  }

  /**
   * The credentials, once their principal may call: a user, or with `services` also a
   * service (a gateway's external-access token), limited by its access restrictions in the
   * permission framework.
   */
  principal(
    credentials: BackstageCredentials,
    { services = false }: Callers = {},
  ): BackstageCredentials {
    const { type } = credentials.principal as { type: string };
    if (type === 'none') throw new AuthenticationError(NO_TOKEN);
    if (type === 'user' || (services && type === 'service')) {
      return credentials;
    }
    throw new NotAllowedError(USERS_ONLY);
  }

  /** The owners whose agents the caller may read; undefined means every agent. */
  async visibleOwners(
    credentials: BackstageCredentials,
    callers: Callers = {},
  ): Promise<string[] | undefined> {
    return this.options.authorizer.visibleOwners(
      agentReadPermission,
      this.principal(credentials, callers),
    );
  }

  async loadAgent(entityRef: string): Promise<AgentRecord> {
    const agent = await this.options.db.stores.agents.get(entityRef);
    if (!agent) {
      throw new NotFoundError(`No agent ${entityRef} is known to Mandate`);
    }
    return agent;
  }

  /** The agent, once the caller may read it; `action` words the refusal. */
  async readableAgent(
    credentials: BackstageCredentials,
    entityRef: string,
    action = 'read',
    callers: Callers = {},
  ): Promise<AgentRecord> {
    const principal = this.principal(credentials, callers);
    const agent = await this.loadAgent(entityRef);
    await this.options.authorizer.assert(
      agentReadPermission,
      agent,
      principal,
      action,
    );
    return agent;
  }

  /**
   * Runs `work` as an event of Backstage's auditor, besides Mandate's own trail. A route
   * passes its request (the auditor reads the caller from it); an action, which has none,
   * passes the caller, named in the event's `actor`.
   */
  async audited<T>(
    event: {
      eventId: string;
      meta: JsonObject;
      request?: Request<any, any, any, any, any>;
      actorRef?: string;
    },
    work: () => Promise<T>,
  ): Promise<T> {
    const auditorEvent = await this.options.auditor.createEvent({
      eventId: event.eventId,
      severityLevel: 'medium',
      ...(event.request ? { request: event.request } : {}),
      meta: {
        ...event.meta,
        ...(event.actorRef ? { actor: event.actorRef, via: 'actions' } : {}),
      },
    });
    try {
      const result = await work();
      await auditorEvent.success();
      return result;
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  }
}
