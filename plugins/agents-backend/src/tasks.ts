import { SchedulerService } from '@backstage/backend-plugin-api';
import { GovernanceHistoryImporter } from '@mandate/plugin-agents-node';
import { Duration } from 'luxon';
import { AgentsContext } from './context';
import {
  ImportableHistory,
  runHistoryImporters,
} from './workflows/GovernanceHistory';

const DEFAULT_PULL_EVERY = Duration.fromObject({ minutes: 1 });

/**
 * Every scheduled task of the plugin. Backstage's scheduler runs each once across replicas.
 * History importers run once the catalog sync has read the agents and found no new ones.
 */
export async function scheduleAgentsTasks(
  scheduler: SchedulerService,
  ctx: AgentsContext,
  importers: GovernanceHistoryImporter[],
) {
  const { config, logger } = ctx;
  const history = new ImportableHistory({
    db: ctx.db,
    enforcement: ctx.enforcement,
    logger,
    securityGroupRef: config.securityGroupRef,
    reviewZone: config.reviews.zone,
  });

  if (config.catalogSync.enabled) {
    await scheduler.scheduleTask({
      id: 'agents-catalog-sync',
      frequency: config.catalogSync.frequency,
      timeout: { minutes: 10 },
      initialDelay: { seconds: 3 },
      fn: async () => {
        const result = await ctx.catalogSync.run();
        logger.debug('Synchronised agents from the catalog', result);
        if (
          importers.length > 0 &&
          result.agents > 0 &&
          result.discovered === 0
        ) {
          await runHistoryImporters(importers, history, logger);
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
    frequency: config.reviews.frequency,
    timeout: { minutes: 10 },
    initialDelay: { seconds: 20 },
    fn: async () => {
      logger.debug('Review schedule ran', await ctx.reviews.run());
    },
  });

  await scheduler.scheduleTask({
    id: 'agents-analysis',
    frequency: config.findings.frequency,
    timeout: { minutes: 15 },
    initialDelay: { seconds: 30 },
    fn: async () => {
      logger.debug(
        'Findings and maturity recomputed',
        await ctx.analysis.run(),
      );
    },
  });

  await scheduler.scheduleTask({
    id: 'agents-audit-checkpoint',
    frequency: config.audit.checkpointFrequency,
    timeout: { minutes: 5 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      // Signs the chain head when it moved, so that a cut tail shows.
      const checkpoint = await ctx.auditCheckpoints.checkpointIfMoved();
      if (checkpoint) {
        logger.debug(
          `Audit trail checkpoint signed at record ${checkpoint.seq}`,
        );
      }
    },
  });

  await scheduler.scheduleTask({
    id: 'agents-telemetry-attribution',
    frequency: { seconds: 30 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 30 },
    fn: async () => {
      // Spans whose hold ended are settled with what is known.
      while ((await ctx.telemetry.ingest.flushExpired()) > 0);
    },
  });

  await scheduler.scheduleTask({
    id: 'agents-telemetry-retention',
    frequency: { hours: 1 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 1 },
    fn: () => ctx.telemetry.prune(),
  });

  for (const source of ctx.sources) {
    const every = source.frequency
      ? Duration.fromObject(source.frequency)
      : DEFAULT_PULL_EVERY;
    await scheduler.scheduleTask({
      id: `agents-telemetry-pull-${source.id}`,
      frequency: every,
      timeout: { minutes: 5 },
      initialDelay: { seconds: 5 },
      fn: () => ctx.telemetry.poller.run(source, every.toMillis()),
    });
  }
}
