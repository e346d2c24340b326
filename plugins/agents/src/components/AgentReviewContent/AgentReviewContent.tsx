import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Alert from '@mui/material/Alert';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  ScopeReview,
  agentReviewSubmitPermission,
} from '@mandate/plugin-agents-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { agentsApiRef } from '../../api/agentsApiRef';
import { ReviewForm } from './ReviewForm';

function summary(review: ScopeReview): string {
  const revoked = (review.decisions ?? [])
    .filter(d => d.decision === 'revoke')
    .map(d => d.tool);
  return revoked.length ? `revoked ${revoked.join(', ')}` : 'kept every tool';
}

/** The Review tab of an Agent: the open review as a form, past reviews read-only. @public */
export function AgentReviewContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(agentsApiRef);
  const { allowed } = usePermission({
    permission: agentReviewSubmitPermission,
    resourceRef: entityRef,
  });
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listReviews(entityRef),
    [api, entityRef],
  );
  const [done, setDone] = useState<string>();

  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const reviews = value?.items ?? [];
  const open = reviews.find(r => r.status === 'open');
  const past = reviews.filter(r => r.status === 'completed');

  return (
    <Stack spacing={3}>
      {done && <Alert severity="success">{done}</Alert>}
      <InfoCard title={open ? 'Scope review' : 'No review is open'}>
        {open ? (
          <ReviewForm
            key={open.id}
            review={open}
            canSubmit={allowed}
            onSubmit={async submission => {
              const completed = await api.submitReview(open.id, submission);
              setDone(`Review submitted: ${summary(completed)}.`);
              retry();
            }}
          />
        ) : (
          <Typography variant="body2" color="text.secondary">
            The next review opens two weeks before it is due.
          </Typography>
        )}
      </InfoCard>
      <InfoCard title="Past reviews">
        {past.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            No completed reviews yet.
          </Typography>
        ) : (
          <List dense aria-label="Past reviews">
            {past.map(review => (
              <ListItem key={review.id} disableGutters>
                <ListItemText
                  primary={`${review.completedAt?.slice(0, 10)} by ${
                    review.completedBy
                  }: ${summary(review)}`}
                  secondary={review.attestation}
                />
              </ListItem>
            ))}
          </List>
        )}
      </InfoCard>
    </Stack>
  );
}
