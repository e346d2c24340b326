import { Entity } from '@backstage/catalog-model';

// The predicates the extensions' filters use. They live apart from the components so
// that alpha.tsx can import them without pulling any component into the initial bundle.

/** True for API entities of type mcp-server. @public */
export function isMcpServerApi(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'api' &&
    entity.spec?.type === 'mcp-server'
  );
}
