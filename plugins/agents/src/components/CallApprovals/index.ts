export { CallApprovalsCard } from './CallApprovalsCard';
export { DecideCallDialog } from './DecideCallDialog';
export type { CallDecision } from './DecideCallDialog';
