/**
 * Node library for Mandate backend modules: the enforcement-layer provider interface,
 * telemetry sources and the extension point they are registered through.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './telemetry';
export * from './extensions';
export * from './clock';
export * from './history';
