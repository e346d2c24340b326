import { LoggerService } from '@backstage/backend-plugin-api';

/** A logger for the ingestion benchmark: warnings and errors only. */
export const quietLogger: LoggerService = {
  info() {},
  warn: console.warn,
  error: console.error,
  debug() {},
  child() {
    return quietLogger;
  },
};
