/**
 * Node library for Mandate backend modules: the enforcement-layer provider interface and
 * the extension point it is registered through.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './extensions';
