import { TelemetryIngest } from '../../plugins/agents-backend/src/telemetry/TelemetryIngest';

type Logger = ConstructorParameters<typeof TelemetryIngest>[0]['logger'];

/** A logger for the ingestion benchmark: warnings and errors only. */
export const quietLogger: Logger = {
  info() {},
  warn: console.warn,
  error: console.error,
  debug() {},
  child() {
    return quietLogger;
  },
};
