import { ConflictError, InputError } from '@backstage/errors';
import {
  AgentScope,
  diffScopes,
  isExpansion,
} from '@mandate/plugin-agents-common';
import { scopeIssues } from '../../domain/agentRecord';
import { notifications } from '../notifications';
import { invalid } from '../types';
import { RequestKind } from './RequestKind';

/**
 * Moving within the role: a reduction applies at once; an expansion (new tool, raised
 * access, new data class) waits for security.
 */
export const scopeChange: RequestKind = {
  async file({ s, kit, input, agent, actor, request, outbox }) {
    const scope = input.payload.scope;
    if (!scope) {
      throw invalid(
        'payload.scope',
        'is required for a scope change; send the whole new scope (dataClasses and tools)',
      );
    }
    const issues = scopeIssues(scope, 'payload.scope');
    if (issues.length > 0) {
      throw new InputError(
        issues.map(i => `${i.field}: ${i.message}`).join('; '),
      );
    }
    const approved = await s.agents.approvedScope(
      agent.entityRef,
      agent.approvedVersion,
    );
    const changes = diffScopes(
      approved ?? { dataClasses: [], tools: [] },
      scope,
    );
    if (changes.length === 0) {
      throw invalid(
        'payload.scope',
        'is the same as the approved scope; nothing to change',
      );
    }
    request.payload = { scope };
    request.changes = changes;
    if (!isExpansion(changes)) {
      request.status = 'applied';
      return;
    }
    if (agent.state !== 'active') {
      throw new ConflictError(
        `Cannot widen the scope of ${agent.entityRef} while it is ${agent.state}; resume it first`,
      );
    }
    request.assigneeRef = kit.securityGroupRef;
    outbox.push({
      to: [kit.securityGroupRef],
      notification: notifications.scopeExpansionRequested(
        agent,
        actor.ref,
        changes,
      ),
    });
  },

  async apply({ s, kit, request, agent, actor, save }) {
    const version = await kit.approveScope(
      s,
      agent,
      request.payload.scope as AgentScope,
      actor,
      request,
      request.decision === 'approve' && request.assigneeRef
        ? 'expanded'
        : 'reduced',
    );
    await save({ approvedVersion: version });
  },
};
