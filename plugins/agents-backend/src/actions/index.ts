import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { AgentsContext } from '../context';
import { registerCheckAgentToolCall } from './checkAgentToolCall';
import { registerGetAgentMandate } from './getAgentMandate';
import { registerListAgentFindings } from './listAgentFindings';
import { registerListAgentsNeedingAttention } from './listAgentsNeedingAttention';
import { registerRequestAgentCommission } from './requestAgentCommission';
import { registerRequestAgentScopeChange } from './requestAgentScopeChange';

/**
 * Mandate's operations as Backstage actions (`agents:<name>`), which MCP clients reach
 * through `@backstage/plugin-mcp-actions-backend`. Each runs as the calling principal with
 * the permission checks of the REST route it mirrors, through the same code.
 */
export function registerAgentsActions(
  registry: ActionsRegistryService,
  ctx: AgentsContext,
) {
  registerGetAgentMandate(registry, ctx);
  registerCheckAgentToolCall(registry, ctx);
  registerListAgentsNeedingAttention(registry, ctx);
  registerListAgentFindings(registry, ctx);
  registerRequestAgentScopeChange(registry, ctx);
  registerRequestAgentCommission(registry, ctx);
}
