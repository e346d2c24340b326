import {
  HttpAuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { HumanDuration } from '@backstage/types';
import { TelemetrySource } from '@mandate/plugin-agents-node';
import { Knex } from 'knex';
import { Duration } from 'luxon';
import { SourcePoller } from './SourcePoller';
import { TelemetryIngest } from './TelemetryIngest';
import { TelemetryStore } from './TelemetryStore';
import { TelemetryStoreProvider } from './TelemetryStoreProvider';
import { createOtlpRouter } from './otlp/otlpRouter';
import { sourceStatuses } from './sourceStatus';

const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
const DEFAULT_PULL_EVERY: HumanDuration = { minutes: 1 };

function durationMs(value: HumanDuration): number {
  return Duration.fromObject(value).toMillis();
}

function isoDuration(
  config: Config | undefined,
  key: string,
  fallback: string,
) {
  const text = config?.getOptionalString(key) ?? fallback;
  const duration = Duration.fromISO(text);
  if (!duration.isValid) {
    throw new Error(
      `agents.telemetry.${key} must be an ISO-8601 duration such as ${fallback}; got "${text}"`,
    );
  }
  return duration;
}

/**
 * Telemetry in Mandate: the store, the one ingestion path, the OTLP receiver, scheduled
 * pulls of registered sources, raw-event retention and the staleness report.
 */
export async function createTelemetry(options: {
  config?: Config;
  knex: Knex;
  logger: LoggerService;
  scheduler: SchedulerService;
  httpAuth: HttpAuthService;
  sources: TelemetrySource[];
  clock: () => Date;
}) {
  const { config, knex, logger, scheduler, clock } = options;
  const telemetry = config?.getOptionalConfig('telemetry');
  const otlp = config?.getOptionalConfig('otlp');
  const rawRetention = isoDuration(telemetry, 'rawRetention', 'P7D');
  const duplicateWindow = isoDuration(telemetry, 'duplicateWindow', 'P90D');
  if (duplicateWindow.toMillis() < rawRetention.toMillis()) {
    throw new Error(
      `agents.telemetry.duplicateWindow (${duplicateWindow.toISO()}) must be at least agents.telemetry.rawRetention (${rawRetention.toISO()}); lengthen the window or shorten the retention`,
    );
  }
  const staleAfter = isoDuration(telemetry, 'staleAfter', 'PT1H');
  const standingGrantAfter = isoDuration(
    telemetry,
    'standingGrantAfter',
    'PT24H',
  );

  const store = new TelemetryStore(knex);
  const ingest = new TelemetryIngest({
    store,
    rawRetention,
    duplicateWindow,
    clock,
    logger,
  });
  const poller = new SourcePoller({ knex, ingest, logger, clock });

  for (const source of options.sources) {
    const every = source.frequency ?? DEFAULT_PULL_EVERY;
    await scheduler.scheduleTask({
      id: `agents-telemetry-pull-${source.id}`,
      frequency: every,
      timeout: { minutes: 5 },
      initialDelay: { seconds: 5 },
      fn: () => poller.run(source, durationMs(every)),
    });
  }
  await scheduler.scheduleTask({
    id: 'agents-telemetry-retention',
    frequency: { hours: 1 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      const now = clock();
      const removed = await store.prune(
        new Date(now.getTime() - rawRetention.toMillis()),
      );
      const forgotten = await store.pruneSpanKeys(
        ingest.duplicateWindowStart(now),
      );
      logger.debug(
        `Pruned ${removed} raw telemetry events and ${forgotten} span keys`,
      );
    },
  });

  const receiverEnabled = otlp?.getOptionalBoolean('enabled') ?? true;
  const maxBodyBytes = otlp?.has('maxBodySize')
    ? otlp.getNumber('maxBodySize')
    : DEFAULT_MAX_BODY_BYTES;

  return {
    store,
    ingest,
    /** Installed when telemetry can arrive: the receiver is on or a source is registered. */
    provider:
      receiverEnabled || options.sources.length > 0
        ? new TelemetryStoreProvider(store, knex, clock)
        : undefined,
    otlpRouter: receiverEnabled
      ? createOtlpRouter({ httpAuth: options.httpAuth, ingest, maxBodyBytes })
      : undefined,
    statuses: () => sourceStatuses(knex, clock(), staleAfter.toMillis()),
    standingGrantAfterMs: standingGrantAfter.toMillis(),
  };
}

export type Telemetry = Awaited<ReturnType<typeof createTelemetry>>;
