import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { agentsPermissions } from '@mandate/plugin-agents-common';
import {
  EnforcementLayerProvider,
  TelemetrySource,
  agentsClockServiceRef,
  agentsEnforcementExtensionPoint,
} from '@mandate/plugin-agents-node';
import { HumanDuration } from '@backstage/types';
import { Duration } from 'luxon';
import { migrateUp } from './database/migrate';
import { GovernanceDatabase } from './database/Stores';
import { CatalogSync } from './workflows/CatalogSync';
import { Governance } from './workflows/Governance';
import { ReviewScheduler } from './workflows/ReviewScheduler';
import { DemoHistory } from './demo/DemoHistory';
import { DemoTelemetry } from './demo/DemoTelemetry';
import { AgentAuthorizer } from './permissions/AgentAuthorizer';
import {
  agentPermissionResourceRef,
  agentPermissionRules,
} from './permissions/rules';
import { Enforcement } from './enforcement/Enforcement';
import { Notifier } from './workflows/Notifier';
import { createRouter } from './routes/router';
import { certificatesFromConfig } from './policy/certificatesFromConfig';
import { createTelemetry } from './telemetry/createTelemetry';
import { createAnalysis } from './analysis/createAnalysis';
import Router from 'express-promise-router';
import { PortalPublishing } from './workflows/PortalPublishing';

/**
 * Mandate's governance backend: lifecycle state and approved scope of every agent,
 * joiner–mover–leaver requests, scope reviews and the audit trail.
 * @public
 */
export const agentsPlugin = createBackendPlugin({
  pluginId: 'agents',
  register(env) {
    const providers: EnforcementLayerProvider[] = [];
    const sources: TelemetrySource[] = [];
    env.registerExtensionPoint(agentsEnforcementExtensionPoint, {
      addProvider(provider) {
        providers.push(provider);
      },
      addTelemetrySource(source) {
        sources.push(source);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
        notifications: notificationService,
        agentsClock: agentsClockServiceRef,
      },
      async init(deps) {
        const { config, logger, database, scheduler } = deps;
        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await migrateUp(knex);
        }

        deps.permissionsRegistry.addResourceType({
          resourceRef: agentPermissionResourceRef,
          permissions: agentsPermissions,
          rules: Object.values(agentPermissionRules),
          getResources: async refs => {
            const db = new GovernanceDatabase(knex);
            return Promise.all(refs.map(ref => db.stores.agents.get(ref)));
          },
        });

        const settings = config.getOptionalConfig('agents');
        const duration = (key: string, fallback?: string) => {
          const value = settings?.getOptionalString(key) ?? fallback;
          return value ? Duration.fromISO(value) : undefined;
        };
        const frequency = (key: string, fallback: HumanDuration) =>
          settings?.has(key)
            ? readDurationFromConfig(settings.getConfig(key))
            : fallback;
        const securityGroupRef =
          settings?.getOptionalString('securityGroup') ??
          'group:default/security';
        const clock = () => deps.agentsClock.now();
        const db = new GovernanceDatabase(knex);
        const telemetry = await createTelemetry({
          config: settings,
          knex,
          logger,
          scheduler,
          httpAuth: deps.httpAuth,
          sources,
          clock,
        });
        const enforcement = new Enforcement(
          telemetry.provider ? [telemetry.provider, ...providers] : providers,
          logger,
        );
        if (!enforcement.installed) {
          logger.info(
            'No enforcement layer provider is installed; decommissions need a human attestation',
          );
        }
        const notifier = new Notifier(deps.notifications, logger);
        const governance = new Governance({
          db,
          enforcement,
          notifier,
          logger,
          clock,
          securityGroupRef,
          reviewZone: settings?.getOptionalString('reviews.zone') ?? 'utc',
        });
        const sync = new CatalogSync({
          db,
          catalog: deps.catalog,
          auth: deps.auth,
          governance,
          logger,
          clock,
          securityGroupRef,
        });
        const reviews = new ReviewScheduler({
          db,
          governance,
          notifier,
          logger,
          clock,
          securityGroupRef,
          policy: {
            openBefore: duration('reviews.openBefore', 'P14D')!,
            escalateAfter: duration('reviews.escalateAfter', 'P7D')!,
            autoSuspendAfter: duration('reviews.autoSuspendAfter'),
          },
        });
        const demo = settings?.getOptionalBoolean('demo.seedHistory')
          ? new DemoHistory({
              db,
              enforcement,
              logger,
              securityGroupRef,
              reviewZone: 'utc',
              clock,
            })
          : undefined;

        const analysis = await createAnalysis({
          config: settings,
          db,
          telemetry,
          logger,
          scheduler,
          clock,
          containmentProviders: () =>
            providers.map(p => p.id).concat('effective policy (deny-all)'),
        });
        const samplePath = settings?.getOptionalString('demo.telemetrySample');
        const demoTelemetry = samplePath
          ? new DemoTelemetry({
              samplePath,
              knex,
              ingest: telemetry.ingest,
              analysis,
              logger,
              clock,
            })
          : undefined;
        if (settings?.getOptionalBoolean('catalogSync.enabled') ?? true) {
          await scheduler.scheduleTask({
            id: 'agents-catalog-sync',
            frequency: frequency('catalogSync.frequency', { minutes: 1 }),
            timeout: { minutes: 10 },
            initialDelay: { seconds: 3 },
            fn: async () => {
              const result = await sync.run();
              logger.debug('Synchronised agents from the catalog', result);
              // Seed once the catalog has settled: a pass that found agents but none new.
              if (demo && result.agents > 0 && result.discovered === 0) {
                await demo.seedIfEmpty();
                await demoTelemetry?.loadIfEmpty();
              }
            },
          });
        } else {
          logger.warn(
            'agents.catalogSync.enabled is false: agents are not read from the catalog, and orphaned owners are not detected',
          );
        }
        await scheduler.scheduleTask({
          id: 'agents-review-scheduler',
          frequency: frequency('reviews.frequency', { minutes: 15 }),
          timeout: { minutes: 10 },
          initialDelay: { seconds: 20 },
          fn: async () => {
            const result = await reviews.run();
            logger.debug('Review schedule ran', result);
          },
        });

        const authorizer = new AgentAuthorizer(
          deps.permissions,
          deps.permissionsRegistry,
        );
        const certificates = await certificatesFromConfig({
          config,
          knex,
          discovery: deps.discovery,
          maturity: {
            scoreOf: async ref => {
              const agent = await db.stores.agents.get(ref);
              return agent
                ? (await analysis.maturityOf(agent)).score
                : undefined;
            },
          },
          clock,
        });
        // Credential brokers verify certificates without a Backstage token.
        deps.httpRouter.addAuthPolicy({
          path: '/v1/certificates/jwks.json',
          allow: 'unauthenticated',
        });
        const portalEnabled =
          settings?.getOptionalBoolean('portalPublishing.enabled') ?? false;
        if (portalEnabled) {
          // The catalog's URL reader fetches published YAML without a token.
          deps.httpRouter.addAuthPolicy({
            path: '/v1/portal/agents',
            allow: 'unauthenticated',
          });
        }
        const root = Router();
        if (telemetry.otlpRouter) root.use('/otlp', telemetry.otlpRouter);
        deps.httpRouter.use(root);
        root.use(
          await createRouter({
            db,
            governance,
            authorizer,
            portal: portalEnabled
              ? new PortalPublishing(knex, authorizer, deps.discovery, clock)
              : undefined,
            enforcement,
            httpAuth: deps.httpAuth,
            userInfo: deps.userInfo,
            auditor: deps.auditor,
            clock,
            certificates,
            telemetry,
            analysis,
          }),
        );
      },
    });
  },
});
