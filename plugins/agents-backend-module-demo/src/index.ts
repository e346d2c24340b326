/**
 * Mandate's demo module: a seeded governance history and a recorded telemetry sample for
 * the example estate. Demo apps only.
 *
 * @packageDocumentation
 */
export { agentsModuleDemo as default } from './module';
export {
  readTelemetrySample,
  TELEMETRY_SAMPLE_FORMAT,
} from './telemetrySample';
