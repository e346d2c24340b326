export * from './scope';
export * from './types';
export * from './telemetry';
export type {
  components,
  operations,
  paths,
} from '../schema/openapi/generated';
