import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { agentsApiRef } from '../../api/agentsApiRef';
import { agentPagePath as agentPath } from '@mandate/plugin-agents-common';

/** The signed-in person's open reviews and the requests that wait for their decision. */
export function WaitingForYou() {
  const api = useApi(agentsApiRef);
  const { value, loading, error } = useAsync(() => api.myReviews(), [api]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const reviews = value?.reviews ?? [];
  const requests = value?.requests ?? [];
  return (
    <InfoCard title="Waiting for you">
      {reviews.length === 0 && requests.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          Nothing waits for you: no open reviews of your agents and no requests
          for your decision.
        </Typography>
      )}
      <List dense aria-label="Waiting for you">
        {reviews.map(review => (
          <ListItem key={review.id} disableGutters>
            <ListItemText
              primary={
                <Link
                  component={RouterLink}
                  to={agentPath(review.agentRef, 'review')}
                >
                  Review {review.agentRef.split('/')[1]}
                </Link>
              }
              secondary={`Scope review due ${review.dueAt.slice(0, 10)}`}
            />
          </ListItem>
        ))}
        {requests.map(request => (
          <ListItem key={request.id} disableGutters>
            <ListItemText
              primary={
                <Link
                  component={RouterLink}
                  to={agentPath(request.agentRef, 'lifecycle')}
                >
                  Decide: {request.type} of {request.agentRef.split('/')[1]}
                </Link>
              }
              secondary={`${request.requesterRef} on ${request.createdAt.slice(
                0,
                10,
              )}: ${request.reason}`}
            />
          </ListItem>
        ))}
      </List>
    </InfoCard>
  );
}
