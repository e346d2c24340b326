import { identityApiRef, useApiHolder } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/**
 * The signed-in person's entity ref, once known; undefined while it loads, and where the
 * host provides no identity API (some tests and embeddings), where nothing is hidden for it.
 */
export function useViewerRef(): string | undefined {
  const identityApi = useApiHolder().get(identityApiRef);
  const { value } = useAsync(
    async () => (await identityApi?.getBackstageIdentity())?.userEntityRef,
    [identityApi],
  );
  return value;
}
