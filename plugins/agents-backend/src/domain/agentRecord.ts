import {
  AgentEntityV1alpha1,
  AgentMaturity,
  AgentProfile,
  AgentState,
  ModelTier,
  ToolAccess,
  AgentScope,
  ApprovedScope,
  DEFAULT_REVIEW_CADENCE,
  EXPANDING_CHANGES,
  ScopeDrift,
  getAgentOwnerRef,
  getAgentRef,
  getAgentSponsorRef,
  highestAccess,
  scopeOfEntity,
  diffScopes,
  validateAgentScope,
  AgentValidationIssue,
} from '@mandate/plugin-agents-common';
import { DEFAULT_NAMESPACE } from '@backstage/catalog-model';

/** An agent as Mandate holds it: its YAML, its lifecycle state and what the analysis found. */
export interface AgentRecord {
  entityRef: string;
  namespace: string;
  name: string;
  title?: string;
  ownerRef: string;
  declaredOwnerRef: string;
  sponsorRef?: string;
  identityId: string;
  modelTier?: ModelTier;
  highestAccess?: ToolAccess;
  dataClasses: string[];
  reviewCadence: string;
  declaredScope: AgentScope;
  /** Declared model, budgets, purpose and decommission criteria (from the YAML). */
  profile?: AgentProfile;
  state: AgentState;
  inCatalog: boolean;
  commissionedAt?: string;
  stateChangedAt: string;
  lastReviewCompletedAt?: string;
  nextReviewDueAt?: string;
  approvedVersion: number;
  createdAt: string;
  updatedAt: string;
  /** The production checklist's score and evidence, once evaluated. */
  maturityScore?: number;
  maturity?: AgentMaturity;
  /** When the enforcement layer last reported a call of this agent. */
  lastActivityAt?: string;
}

/** The fields of an agent record that come from its YAML. */
export function declaredFields(entity: AgentEntityV1alpha1) {
  const scope = scopeOfEntity(entity);
  return {
    entityRef: getAgentRef(entity),
    namespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
    name: entity.metadata.name,
    title: entity.metadata.title,
    declaredOwnerRef: getAgentOwnerRef(entity),
    sponsorRef: getAgentSponsorRef(entity),
    identityId: entity.spec.identity.id,
    modelTier: entity.spec.model.tier,
    highestAccess: highestAccess(scope.tools),
    dataClasses: scope.dataClasses,
    reviewCadence: entity.spec.review?.cadence ?? DEFAULT_REVIEW_CADENCE,
    declaredScope: scope,
    profile: profileOf(entity),
  };
}

function profileOf(entity: AgentEntityV1alpha1): AgentProfile {
  const { type, lifecycle, model, purpose, budgets, decommission } =
    entity.spec;
  return { type, lifecycle, model, purpose, budgets, decommission };
}

/** A newly seen agent: proposed until a commission is approved. */
export function newAgentRecord(
  entity: AgentEntityV1alpha1,
  now: string,
  inCatalog: boolean,
): AgentRecord {
  const declared = declaredFields(entity);
  return {
    ...declared,
    ownerRef: declared.declaredOwnerRef,
    state: 'proposed',
    inCatalog,
    stateChangedAt: now,
    approvedVersion: 0,
    createdAt: now,
    updatedAt: now,
  };
}

const EMPTY_SCOPE: AgentScope = { dataClasses: [], tools: [] };

/** YAML against approved scope, both ways. */
export function driftOf(
  agent: AgentRecord,
  approved: ApprovedScope | undefined,
): ScopeDrift {
  const changes = diffScopes(approved ?? EMPTY_SCOPE, agent.declaredScope);
  return {
    notApproved: changes.filter(c => EXPANDING_CHANGES.includes(c.kind)),
    notDeclared: changes.filter(c => !EXPANDING_CHANGES.includes(c.kind)),
    ...(agent.declaredOwnerRef !== agent.ownerRef
      ? {
          ownerDiffers: {
            declared: agent.declaredOwnerRef,
            governance: agent.ownerRef,
          },
        }
      : {}),
  };
}

/**
 * Checks a scope with the Agent kind's own rules; issues name fields under `prefix`
 * (for example payload.scope.tools[1].access).
 */
export function scopeIssues(
  scope: AgentScope,
  prefix: string,
): AgentValidationIssue[] {
  return validateAgentScope(scope).map(issue => ({
    field: `${prefix}.${issue.field}`,
    message: issue.message.replace(
      /spec\.dataClasses/g,
      `${prefix}.dataClasses`,
    ),
  }));
}
