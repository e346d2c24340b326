import {
  AuditorService,
  AuthService,
  DatabaseService,
  DiscoveryService,
  HttpAuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { agentsPermissions } from '@mandate/plugin-agents-common';
import {
  EnforcementLayerProvider,
  TelemetrySource,
} from '@mandate/plugin-agents-node';
import { CallerAccess } from './access/CallerAccess';
import { Analysis } from './analysis/Analysis';
import { AuditCheckpoints } from './audit/AuditCheckpoints';
import { AgentsConfig } from './config';
import { AgentsDatabase } from './database/AgentsDatabase';
import { Enforcement } from './enforcement/Enforcement';
import { AgentAuthorizer } from './permissions/AgentAuthorizer';
import {
  agentPermissionResourceRef,
  agentPermissionRules,
} from './permissions/rules';
import {
  certificatesFromConfig,
  signingKeysFromConfig,
} from './policy/certificatesFromConfig';
import { createTelemetry } from './telemetry/createTelemetry';
import { CallApprovals } from './workflows/CallApprovals';
import { CatalogSync } from './workflows/CatalogSync';
import { Governance } from './workflows/Governance';
import { Notifier } from './workflows/Notifier';
import { PortalPublishing } from './workflows/PortalPublishing';
import { ReviewScheduler } from './workflows/ReviewScheduler';

/** The services the plugin's init receives that the context builds on. */
export interface AgentsContextDeps {
  logger: LoggerService;
  database: DatabaseService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  userInfo: UserInfoService;
  auditor: AuditorService;
  discovery: DiscoveryService;
  catalog: CatalogService;
  notifications?: NotificationService;
  clock: () => Date;
}

/** What backend modules registered on the plugin's extension points. */
export interface AgentsExtensions {
  providers: EnforcementLayerProvider[];
  sources: TelemetrySource[];
}

/** The one place the plugin's services are built, in dependency order. */
export async function createAgentsContext(
  deps: AgentsContextDeps,
  config: AgentsConfig,
  extensions: AgentsExtensions,
) {
  const { logger, clock } = deps;
  const db = await AgentsDatabase.create(deps.database);

  deps.permissionsRegistry.addResourceType({
    resourceRef: agentPermissionResourceRef,
    permissions: agentsPermissions,
    rules: Object.values(agentPermissionRules),
    getResources: refs =>
      Promise.all(refs.map(ref => db.stores.agents.get(ref))),
  });
  const authorizer = new AgentAuthorizer(
    deps.permissions,
    deps.permissionsRegistry,
  );
  // The REST routes and the actions check their callers the same way.
  const access = new CallerAccess({
    db,
    authorizer,
    userInfo: deps.userInfo,
    auditor: deps.auditor,
  });

  const telemetry = createTelemetry({
    config,
    db,
    logger,
    httpAuth: deps.httpAuth,
    hasPullSources: extensions.sources.length > 0,
    clock,
  });
  const enforcement = new Enforcement(
    telemetry.provider
      ? [telemetry.provider, ...extensions.providers]
      : extensions.providers,
    logger,
  );
  if (!enforcement.installed) {
    logger.info(
      'No enforcement layer provider is installed; decommissions need a human attestation',
    );
  }
  const notifier = new Notifier(deps.notifications, logger);
  const securityGroupRef = config.securityGroupRef;
  const governance = new Governance({
    db,
    enforcement,
    notifier,
    logger,
    clock,
    securityGroupRef,
    reviewZone: config.reviews.zone,
  });

  const analysis = new Analysis({
    db,
    logger,
    clock,
    idleDays: config.findings.idleDays,
    standingGrantAfterMs: telemetry.standingGrantAfterMs,
    containmentProviders: () =>
      extensions.providers.map(p => p.id).concat('effective policy (deny-all)'),
  });
  telemetry.ingest.onIngested(async result =>
    analysis.afterIngest(result.identityKeys),
  );

  // One key signs behaviour certificates and audit checkpoints; the JWKS serves it.
  const signingKeys = await signingKeysFromConfig({
    config: config.certificates,
    store: db.signingKeys,
    clock,
  });
  const certificates = await certificatesFromConfig({
    config: config.certificates,
    keys: signingKeys,
    discovery: deps.discovery,
    maturity: {
      scoreOf: async ref => {
        const agent = await db.stores.agents.get(ref);
        return agent ? (await analysis.maturityOf(agent)).score : undefined;
      },
    },
    clock,
  });

  return {
    config,
    clock,
    logger,
    db,
    authorizer,
    access,
    telemetry,
    enforcement,
    notifier,
    governance,
    approvals: new CallApprovals({
      db,
      enforcement,
      notifier,
      logger,
      clock,
      securityGroupRef,
      reviewZone: config.reviews.zone,
      expiresAfter: config.approvals.expiresAfter,
    }),
    analysis,
    certificates,
    auditCheckpoints: new AuditCheckpoints({
      db,
      keys: signingKeys,
      auditor: deps.auditor,
      logger,
      clock,
    }),
    sources: extensions.sources,
    catalogSync: new CatalogSync({
      db,
      catalog: deps.catalog,
      auth: deps.auth,
      governance,
      logger,
      clock,
      securityGroupRef,
    }),
    reviews: new ReviewScheduler({
      db,
      governance,
      notifier,
      logger,
      clock,
      securityGroupRef,
      policy: config.reviews,
    }),
    /** Demo publishing without an SCM, when agents.portalPublishing.enabled is set. */
    portal: config.portalPublishing.enabled
      ? new PortalPublishing(
          db.portalAgents,
          db.stores.agents,
          authorizer,
          deps.discovery,
          clock,
        )
      : undefined,
  };
}

export type AgentsContext = Awaited<ReturnType<typeof createAgentsContext>>;
