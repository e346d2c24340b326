export * from './scope';
export * from './types';
export * from './telemetry';
