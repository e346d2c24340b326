import {
  Entity,
  RELATION_API_CONSUMED_BY,
  RELATION_CONSUMES_API,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
  getCompoundEntityRef,
  parseEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  AgentValidationError,
  RELATION_SPONSORED_BY,
  RELATION_SPONSOR_OF,
  assertValidAgentEntity,
  getAgentApiRefs,
  getAgentOwnerRef,
  getAgentSponsorRef,
  getAgentSystemRef,
  isAgentEntity,
} from '@mandate/plugin-agents-common';

/**
 * Validates entities of kind Agent and emits their relations: owner, sponsor, system and
 * the API behind each tool, so that an MCP server's page shows which agents may call it.
 * @public
 */
export class AgentEntitiesProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'AgentEntitiesProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (!isAgentEntity(entity)) {
      return false;
    }
    try {
      assertValidAgentEntity(entity);
    } catch (error) {
      if (error instanceof AgentValidationError) {
        throw new InputError(error.message);
      }
      throw error;
    }
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isAgentEntity(entity)) {
      return entity;
    }
    const self = getCompoundEntityRef(entity);
    const link = (
      targetRef: string | undefined,
      forward: string,
      reverse: string,
    ) => {
      if (!targetRef) return;
      const target = parseEntityRef(targetRef);
      emit(processingResult.relation({ source: self, type: forward, target }));
      emit(
        processingResult.relation({
          source: target,
          type: reverse,
          target: self,
        }),
      );
    };

    link(getAgentOwnerRef(entity), RELATION_OWNED_BY, RELATION_OWNER_OF);
    link(
      getAgentSponsorRef(entity),
      RELATION_SPONSORED_BY,
      RELATION_SPONSOR_OF,
    );
    link(getAgentSystemRef(entity), RELATION_PART_OF, RELATION_HAS_PART);
    for (const apiRef of getAgentApiRefs(entity)) {
      link(apiRef, RELATION_CONSUMES_API, RELATION_API_CONSUMED_BY);
    }
    return entity;
  }
}
