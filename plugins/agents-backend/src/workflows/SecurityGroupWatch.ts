import { LoggerService } from '@backstage/backend-plugin-api';

/**
 * Says in the log when the group `agents.securityGroup` names is not in the catalog: the
 * requests that wait for security (commissions, scope expansions, orphaned agents) are then
 * assigned to a group nobody belongs to, and escalations reach nobody. A catalog that is
 * still ingesting right after startup may not hold it yet, so it warns only when two catalog
 * syncs in a row miss it, and once until the group appears.
 */
export class SecurityGroupWatch {
  private misses = 0;
  private warned = false;

  constructor(
    private readonly options: {
      securityGroupRef: string;
      logger: LoggerService;
    },
  ) {}

  /** One catalog sync's view: the refs of every User and Group in the catalog. */
  observe(catalogPrincipals: ReadonlySet<string>): void {
    const { securityGroupRef: ref, logger } = this.options;
    if (catalogPrincipals.has(ref)) {
      if (this.warned) {
        logger.info(
          `agents.securityGroup ${ref} is in the catalog now; requests waiting for security are assigned to it`,
        );
      }
      this.misses = 0;
      this.warned = false;
      return;
    }
    this.misses += 1;
    if (this.misses >= 2 && !this.warned) {
      this.warned = true;
      logger.warn(
        `agents.securityGroup ${ref} is not in the catalog: the commissions, scope expansions and orphaned agents that wait for security are assigned to a group nobody belongs to, and overdue reviews escalate to nobody. Add the group (with its members) to the catalog, or set agents.securityGroup to the group that approves for you; give the same group Mandate's admin rights in your permission policy.`,
      );
    }
  }
}
