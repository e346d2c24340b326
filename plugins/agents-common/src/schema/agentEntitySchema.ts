import type { JsonObject } from '@backstage/types';
import schema from '../../schema/Agent.v1alpha1.schema.json';

/**
 * The JSON schema (draft-07) of kind `Agent`, `mandate.dev/v1alpha1`. The package also ships
 * it as a file, `@mandate/plugin-agents-common/schema/Agent.v1alpha1.schema.json`, for
 * editors and tools outside JavaScript. Rules that JSON schema cannot state are checked by
 * {@link validateAgentEntity}.
 *
 * @public
 */
export const agentEntitySchema: JsonObject = schema;
