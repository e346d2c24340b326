import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { AgentGrantView } from '@mandate/plugin-agents-common';
import useAsync from 'react-use/esm/useAsync';
import { agentsApiRef } from '../../api/agentsApiRef';
import { GrantsTable } from './GrantsTable';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function NoGrants() {
  return (
    <InfoCard title="Grants">
      <Typography variant="body1">
        No grants reported by the enforcement layer yet.
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        Grants appear here once the gateway or credential broker reports them to
        Mandate: as OpenTelemetry spans with <code>mandate.grant.*</code>{' '}
        attributes exported over OTLP/HTTP to <code>/api/agents/otlp</code>, or
        pulled from a gateway configured under <code>agents.gateways.http</code>
        .
      </Typography>
    </InfoCard>
  );
}

/** What deserves attention among the grants that are live now. */
function GrantWarnings({ active }: { active: AgentGrantView[] }) {
  const standing = active.filter(g => g.standing);
  const outside = active.filter(g => !g.inApprovedScope);
  return (
    <>
      {outside.length > 0 && (
        <Alert severity="error">
          {plural(outside.length, 'active grant')} for tools outside the
          approved scope ({[...new Set(outside.map(g => g.tool))].join(', ')}):
          the enforcement layer issued credentials security never approved.
          Revoke them at the gateway, or file a scope change.
        </Alert>
      )}
      {standing.length > 0 && (
        <Alert severity="warning">
          {plural(standing.length, 'standing grant')}: they never expire or live
          longer than the standing-grant threshold, so the agent keeps the
          access while idle. Prefer short-lived grants issued per task.
        </Alert>
      )}
    </>
  );
}

/**
 * The Access tab of an Agent: the credential grants the enforcement layer issued, live ones
 * first, with standing grants and grants outside the approved scope called out.
 * @public
 */
export function AgentAccessContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(agentsApiRef);
  const { value, loading, error } = useAsync(
    () => api.listAgentGrants(entityRef),
    [api, entityRef],
  );

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const grants = value?.items ?? [];
  if (grants.length === 0) return <NoGrants />;
  const active = grants.filter(g => g.active);
  const past = grants.filter(g => !g.active);

  return (
    <Stack spacing={3}>
      <GrantWarnings active={active} />
      <InfoCard
        title={`Active grants (${active.length})`}
        subheader="Credentials the agent holds now"
      >
        <GrantsTable grants={active} label="Active grants" />
      </InfoCard>
      <InfoCard
        title={`Past grants (${past.length})`}
        subheader="Expired or revoked"
      >
        <GrantsTable grants={past} label="Past grants" past />
      </InfoCard>
    </Stack>
  );
}
