/**
 * Test helpers for Mandate backend modules and provider authors.
 *
 * @packageDocumentation
 */
export { InMemoryEnforcementLayer } from './InMemoryEnforcementLayer';
export { mandateTestDatabases } from './databases';
export { TEST_NOW, TestClock } from './TestClock';
