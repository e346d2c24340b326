import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { Analysis } from '../analysis/Analysis';
import { TelemetryIngest } from '../telemetry/TelemetryIngest';
import { readTelemetrySample } from './telemetrySample';

const SOURCE_ID = 'demo-sample';

/**
 * Loads the example estate's enforcement-layer traffic (examples/telemetry) once, shifted to
 * end today, through the same ingestion path as OTLP, then computes findings and maturity.
 * Demo only: enabled by `agents.demo.telemetrySample`.
 */
export class DemoTelemetry {
  constructor(
    private readonly options: {
      samplePath: string;
      knex: Knex;
      ingest: TelemetryIngest;
      analysis: Analysis;
      logger: LoggerService;
      clock: () => Date;
    },
  ) {}

  async loadIfEmpty(): Promise<boolean> {
    const { knex, ingest, analysis, logger, samplePath, clock } = this.options;
    if (await knex('telemetry_sources').where({ id: SOURCE_ID }).first()) {
      return false;
    }
    const batch = await readTelemetrySample(samplePath, clock());
    const result = await ingest.ingest(batch, {
      sourceId: SOURCE_ID,
      kind: 'sample',
    });
    await analysis.idle();
    const analysed = await analysis.run();
    logger.info(
      `Loaded the demo telemetry sample: ${result.accepted} events, ${result.grants} grants; ${analysed.findings} findings`,
    );
    return true;
  }
}
