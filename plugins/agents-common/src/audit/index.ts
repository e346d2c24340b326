export { canonicalJson } from './canonicalJson';
export * from './recordHash';
export * from './checkpoints';
export * from './chainWalker';
export * from './verifyExport';
