import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import {
  CallApproval,
  CallApprovalStatus,
  agentCallDecidePermission,
} from '@mandate/plugin-agents-common';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { agentsClockApiRef } from '../../api/agentsClockApiRef';
import { RelativeTime } from '../shared/RelativeTime';
import { readableError } from '../shared/readableError';
import { useViewerRef } from '../shared/useViewerRef';
import { useCallApprovals } from '../shared/useCallApprovals';
import { decidedByText, expiryText, hasExpired } from './callApprovalText';
import { CallDecision, DecideCallDialog } from './DecideCallDialog';

const OUTCOME_COLOR: Record<
  Exclude<CallApprovalStatus, 'pending'>,
  'success' | 'error' | 'default'
> = {
  approved: 'success',
  denied: 'error',
  expired: 'default',
};

/** Names, refs, times and buttons stay on one line; the summary and the reason wrap. */
const NO_WRAP = { whiteSpace: 'nowrap' } as const;

/** Why the signed-in person has no buttons for a pending call; undefined when they decide it. */
function cannotDecide(
  approval: CallApproval,
  viewer: { ref?: string; decides: boolean },
  now: DateTime,
): string | undefined {
  if (hasExpired(approval, now)) {
    return 'Expired: the gateway refuses the call.';
  }
  if (viewer.ref && viewer.ref === approval.onBehalfOf) {
    return 'The call acts for you, so the owner, the sponsor or security decide it.';
  }
  if (!viewer.decides) {
    return 'Waiting for the owner, the sponsor or security.';
  }
  return undefined;
}

function PendingCalls(props: {
  approvals: CallApproval[];
  viewer: { ref?: string; decides: boolean };
  onDecide(approval: CallApproval, decision: CallDecision): void;
}) {
  const clock = useApi(agentsClockApiRef);
  const now = clock.now();
  if (props.approvals.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No calls of this agent wait for a person. When a gateway holds one (a
        tool with approval human, or a call above a constraint that asks), it
        appears here at once.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Calls waiting for approval">
      <TableHead>
        <TableRow>
          <TableCell>Tool</TableCell>
          <TableCell>What the call does</TableCell>
          <TableCell>Why</TableCell>
          <TableCell>On behalf of</TableCell>
          <TableCell>Requested by</TableCell>
          <TableCell>Expires</TableCell>
          <TableCell>Decision</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.approvals.map(approval => {
          const summaryId = `call-approval-${approval.id}-summary`;
          const blocked = cannotDecide(approval, props.viewer, now);
          return (
            <TableRow key={approval.id}>
              <TableCell sx={NO_WRAP}>{approval.tool}</TableCell>
              <TableCell
                id={summaryId}
                sx={{
                  overflowWrap: 'anywhere',
                  fontFamily: 'monospace',
                  minWidth: 240,
                }}
              >
                {approval.argumentsSummary}
              </TableCell>
              <TableCell sx={{ minWidth: 200 }}>{approval.why}</TableCell>
              <TableCell sx={NO_WRAP}>{approval.onBehalfOf ?? '—'}</TableCell>
              <TableCell sx={NO_WRAP}>{approval.requestedBy}</TableCell>
              <TableCell sx={NO_WRAP}>
                <time dateTime={approval.expiresAt}>
                  {expiryText(approval, now)}
                </time>
              </TableCell>
              <TableCell sx={blocked ? undefined : NO_WRAP}>
                {blocked ? (
                  <Typography variant="body2" color="text.secondary">
                    {blocked}
                  </Typography>
                ) : (
                  <Stack direction="row" spacing={1}>
                    <Button
                      size="small"
                      variant="contained"
                      aria-describedby={summaryId}
                      onClick={() => props.onDecide(approval, 'approve')}
                    >
                      Approve
                    </Button>
                    <Button
                      size="small"
                      color="error"
                      variant="outlined"
                      aria-describedby={summaryId}
                      onClick={() => props.onDecide(approval, 'deny')}
                    >
                      Deny
                    </Button>
                  </Stack>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function DecidedCalls({ approvals }: { approvals: CallApproval[] }) {
  if (approvals.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No held call of this agent has been decided yet.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Decided calls">
      <TableHead>
        <TableRow>
          <TableCell>Requested</TableCell>
          <TableCell>Tool</TableCell>
          <TableCell>What the call did</TableCell>
          <TableCell>Outcome</TableCell>
          <TableCell>By</TableCell>
          <TableCell>Reason</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {approvals.map(approval => (
          <TableRow key={approval.id}>
            <TableCell>
              <RelativeTime iso={approval.requestedAt} />
            </TableCell>
            <TableCell>{approval.tool}</TableCell>
            <TableCell
              sx={{ overflowWrap: 'anywhere', fontFamily: 'monospace' }}
            >
              {approval.argumentsSummary}
            </TableCell>
            <TableCell>
              {approval.status !== 'pending' && (
                <Chip
                  size="small"
                  label={approval.status}
                  color={OUTCOME_COLOR[approval.status]}
                />
              )}
            </TableCell>
            <TableCell>{decidedByText(approval)}</TableCell>
            <TableCell>{approval.decisionReason ?? '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * Tool calls of one agent that a gateway holds for a person, with Approve and Deny for the
 * people who decide them (the agent's owners, its sponsor, security; never the person the
 * call acts for), and the calls decided lately. Looks for new calls every few seconds.
 */
export function CallApprovalsCard(props: {
  agent: { entityRef: string; sponsorRef?: string };
  /** How often to look for new calls; every 5 seconds by default. */
  pollMs?: number;
}) {
  const { entityRef, sponsorRef } = props.agent;
  const me = useViewerRef();
  const owns = usePermission({
    permission: agentCallDecidePermission,
    resourceRef: entityRef,
  }).allowed;
  const approvals = useCallApprovals({
    agentRef: entityRef,
    withDecided: true,
    pollMs: props.pollMs,
  });
  const [deciding, setDeciding] = useState<{
    approval: CallApproval;
    decision: CallDecision;
  }>();
  const [message, setMessage] = useState<string>();
  const viewer = {
    ref: me,
    decides: owns || (!!me && me === sponsorRef),
  };

  return (
    <>
      <InfoCard title="Calls waiting for approval">
        <Stack spacing={2}>
          {message && (
            <Alert severity="success" onClose={() => setMessage(undefined)}>
              {message}
            </Alert>
          )}
          {approvals.error && (
            <Alert severity="warning">
              Could not look for held calls: {readableError(approvals.error)}
            </Alert>
          )}
          {approvals.loading && <Progress />}
          {!approvals.loading && (
            <PendingCalls
              approvals={approvals.pending}
              viewer={viewer}
              onDecide={(approval, decision) => {
                setMessage(undefined);
                setDeciding({ approval, decision });
              }}
            />
          )}
        </Stack>
        {deciding && (
          <DecideCallDialog
            open
            approval={deciding.approval}
            decision={deciding.decision}
            onClose={() => setDeciding(undefined)}
            onDecided={text => {
              setDeciding(undefined);
              setMessage(text);
              approvals.refresh();
            }}
            onFailed={approvals.refresh}
          />
        )}
      </InfoCard>
      <InfoCard title="Decided calls">
        {!approvals.loading && <DecidedCalls approvals={approvals.decided} />}
      </InfoCard>
    </>
  );
}
