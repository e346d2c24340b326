/**
 * Permission helpers for policy authors: Mandate's decision function, conditions and
 * resource ref.
 *
 * @packageDocumentation
 */
export { decideAgentsPermission } from './permissions/policy';
export {
  agentConditions,
  agentPermissionResourceRef,
  agentPermissionRules,
  createAgentConditionalDecision,
} from './permissions/rules';
