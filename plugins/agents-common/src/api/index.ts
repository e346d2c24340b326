export * from './scope';
export * from './types';
