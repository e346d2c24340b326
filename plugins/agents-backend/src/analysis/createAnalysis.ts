import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { GovernanceDatabase } from '../database/Stores';
import { Telemetry } from '../telemetry/createTelemetry';
import { Analysis } from './Analysis';

/**
 * Findings and maturity from telemetry: recomputed for the identities of each ingested
 * batch, and for the whole estate on a schedule (idle grants and overdue data age even
 * when nothing arrives).
 */
export async function createAnalysis(options: {
  config?: Config;
  db: GovernanceDatabase;
  telemetry: Telemetry;
  logger: LoggerService;
  scheduler: SchedulerService;
  clock: () => Date;
  containmentProviders: () => string[];
}): Promise<Analysis> {
  const { config, telemetry, logger } = options;
  const settings = config?.getOptionalConfig('findings');
  const analysis = new Analysis({
    db: options.db,
    store: telemetry.store,
    logger,
    clock: options.clock,
    idleDays: settings?.getOptionalNumber('idleDays') ?? 30,
    standingGrantAfterMs: telemetry.standingGrantAfterMs,
    containmentProviders: options.containmentProviders,
  });
  telemetry.ingest.onIngested(async result =>
    analysis.afterIngest(result.identityKeys),
  );
  await options.scheduler.scheduleTask({
    id: 'agents-analysis',
    frequency: settings?.has('frequency')
      ? readDurationFromConfig(settings.getConfig('frequency'))
      : { minutes: 15 },
    timeout: { minutes: 15 },
    initialDelay: { seconds: 30 },
    fn: async () => {
      const result = await analysis.run();
      logger.debug('Findings and maturity recomputed', result);
    },
  });
  return analysis;
}
