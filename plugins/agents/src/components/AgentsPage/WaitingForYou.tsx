import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { agentsApiRef } from '../../api/agentsApiRef';
import { agentsClockApiRef } from '../../api/agentsClockApiRef';
import { agentPagePath as agentPath } from '@mandate/plugin-agents-common';
import { expiryText, hasExpired } from '../CallApprovals/callApprovalText';
import { readableError } from '../shared/readableError';
import { useViewerRef } from '../shared/useViewerRef';
import { useCallApprovals } from '../shared/useCallApprovals';

const agentName = (agentRef: string) => parseEntityRef(agentRef).name;

/** One thing that waits: a link to where it is done, and what it is. */
function WaitingItem(props: { to: string; label: string; detail: string }) {
  return (
    <ListItem disableGutters>
      <ListItemText
        primary={
          <Link component={RouterLink} to={props.to}>
            {props.label}
          </Link>
        }
        secondary={props.detail}
      />
    </ListItem>
  );
}

/**
 * The signed-in person's open reviews, the requests that wait for their decision, and the
 * tool calls gateways hold for a person that they may decide (of the agents they own or
 * sponsor, every agent for security), looked for again every few seconds.
 */
export function WaitingForYou(props: {
  /** How often to look for held calls; every 5 seconds by default. */
  pollMs?: number;
}) {
  const api = useApi(agentsApiRef);
  const clock = useApi(agentsClockApiRef);
  const { value, loading, error } = useAsync(() => api.myReviews(), [api]);
  const me = useViewerRef();
  const approvals = useCallApprovals({ pollMs: props.pollMs });
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const reviews = value?.reviews ?? [];
  const requests = value?.requests ?? [];
  const now = clock.now();
  // A call that acts for the viewer is decided by others; an expired one by nobody.
  const calls = approvals.pending.filter(
    approval => approval.onBehalfOf !== me && !hasExpired(approval, now),
  );
  return (
    <InfoCard title="Waiting for you">
      {approvals.error && (
        <Alert severity="warning" sx={{ mb: 1 }}>
          Could not look for held calls: {readableError(approvals.error)}
        </Alert>
      )}
      {reviews.length === 0 && requests.length === 0 && calls.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          Nothing waits for you: no open reviews of your agents, no requests and
          no held calls for your decision.
        </Typography>
      )}
      <List dense aria-label="Waiting for you">
        {calls.map(approval => (
          <WaitingItem
            key={approval.id}
            to={agentPath(approval.agentRef, 'lifecycle')}
            label={`Approve or deny: ${approval.tool} of ${agentName(
              approval.agentRef,
            )}`}
            detail={`${approval.argumentsSummary} (${
              approval.why
            }); ${expiryText(approval, now)}`}
          />
        ))}
        {reviews.map(review => (
          <WaitingItem
            key={review.id}
            to={agentPath(review.agentRef, 'review')}
            label={`Review ${agentName(review.agentRef)}`}
            detail={`Scope review due ${review.dueAt.slice(0, 10)}`}
          />
        ))}
        {requests.map(request => (
          <WaitingItem
            key={request.id}
            to={agentPath(request.agentRef, 'lifecycle')}
            label={`Decide: ${request.type} of ${agentName(request.agentRef)}`}
            detail={`${request.requesterRef} on ${request.createdAt.slice(
              0,
              10,
            )}: ${request.reason}`}
          />
        ))}
      </List>
    </InfoCard>
  );
}
