import { TelemetryPage, TelemetrySource } from '@mandate/plugin-agents-node';
import { readTelemetrySample } from './telemetrySample';

/** The cursor stored once the sample is in: later pulls bring nothing. */
const LOADED = 'sample-loaded';

/**
 * The example estate's recorded enforcement-layer traffic (examples/telemetry) as a pull
 * source: the first pull brings the whole sample, shifted to end today, through Mandate's
 * normal ingestion path; the stored cursor keeps it from loading twice. It waits until
 * `ready()` resolves true (the demo history is seeded), so findings see commissioned agents.
 */
export class SampleTelemetrySource implements TelemetrySource {
  readonly id = 'demo-sample';
  readonly frequency = { seconds: 10 };

  constructor(
    private readonly options: {
      samplePath: string;
      clock: () => Date;
      ready: () => boolean;
    },
  ) {}

  async pull({ cursor }: { cursor?: string }): Promise<TelemetryPage> {
    if (cursor === LOADED || !this.options.ready()) {
      return { events: [], grants: [], cursor };
    }
    const batch = await readTelemetrySample(
      this.options.samplePath,
      this.options.clock(),
    );
    return { ...batch, cursor: LOADED };
  }
}
