import { RequestType } from '@mandate/plugin-agents-common';
import { commission } from './commission';
import { decommission } from './decommission';
import { ownerTransfer } from './ownerTransfer';
import { RequestKind } from './RequestKind';
import { resume } from './resume';
import { scopeChange } from './scopeChange';
import { suspend } from './suspend';

/** Every request type and how it is filed and applied. */
export const REQUEST_KINDS: Record<RequestType, RequestKind> = {
  commission,
  'scope-change': scopeChange,
  'owner-transfer': ownerTransfer,
  suspend,
  resume,
  decommission,
};

export { finishDecommission } from './decommission';
