/**
 * Mandate's governance backend plugin.
 *
 * @packageDocumentation
 */
export { agentsPlugin as default } from './plugin';
