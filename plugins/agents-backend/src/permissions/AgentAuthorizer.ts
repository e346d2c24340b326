import {
  BackstageCredentials,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  PermissionCriteria,
  ResourcePermission,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import { AGENT_RESOURCE_TYPE } from '@mandate/plugin-agents-common';
import {
  AgentQueryFilter,
  AgentResource,
  agentPermissionResourceRef,
} from './rules';

type AgentPermission = ResourcePermission<typeof AGENT_RESOURCE_TYPE>;

/** Evaluates Mandate permissions for one agent, or as a filter over the estate. */
export class AgentAuthorizer {
  private readonly authorizeConditions;
  private readonly toFilter;

  constructor(
    private readonly permissions: PermissionsService,
    registry: PermissionsRegistryService,
  ) {
    const ruleset = registry.getPermissionRuleset(agentPermissionResourceRef);
    this.authorizeConditions = createConditionAuthorizer(ruleset);
    this.toFilter = createConditionTransformer(ruleset);
  }

  async allows(
    permission: AgentPermission,
    agent: AgentResource,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      {
        credentials,
      },
    );
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      return this.authorizeConditions(decision, agent);
    }
    return decision.result === AuthorizeResult.ALLOW;
  }

  async assert(
    permission: AgentPermission,
    agent: AgentResource,
    credentials: BackstageCredentials,
    action: string,
  ): Promise<void> {
    if (!(await this.allows(permission, agent, credentials))) {
      throw new NotAllowedError(
        `You may not ${action} ${agent.entityRef}: it is owned by ${agent.ownerRef} and your permissions do not cover it`,
      );
    }
  }

  async assertBasic(
    permission: BasicPermission,
    credentials: BackstageCredentials,
    action: string,
  ): Promise<void> {
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`You may not ${action}`);
    }
  }

  /**
   * The owners whose agents the caller may see with `permission`: undefined for all,
   * an empty list for none.
   */
  async visibleOwners(
    permission: AgentPermission,
    credentials: BackstageCredentials,
  ): Promise<string[] | undefined> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      {
        credentials,
      },
    );
    if (decision.result === AuthorizeResult.ALLOW) return undefined;
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      return ownersOf(this.toFilter(decision.conditions));
    }
    return [];
  }
}

/** Flattens owner criteria into one list; a negation cannot be listed, so it shows nothing. */
function ownersOf(criteria: PermissionCriteria<AgentQueryFilter>): string[] {
  if ('anyOf' in criteria) {
    return [...new Set(criteria.anyOf.flatMap(ownersOf))];
  }
  if ('allOf' in criteria) {
    const sets = criteria.allOf.map(ownersOf);
    return sets.reduce((acc, set) => acc.filter(ref => set.includes(ref)));
  }
  if ('not' in criteria) {
    return [];
  }
  return criteria.ownerRefs;
}
