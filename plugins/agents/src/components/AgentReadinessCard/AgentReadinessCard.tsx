import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { AgentDetail } from '@mandate/plugin-agents-common';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { agentsApiRef } from '../../api/agentsApiRef';
import { Drift } from '../AgentLifecycleContent/Drift';
import { MaturityChecklist, MaturityScore } from './MaturityChecklist';
import { OpenFindings } from './OpenFindings';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack spacing={1}>
      <Typography variant="overline" color="text.secondary" component="h3">
        {title}
      </Typography>
      {children}
    </Stack>
  );
}

/**
 * How ready an agent is for production: the maturity checklist with its evidence, the
 * open findings, and where the YAML and the approved scope differ.
 */
export function AgentReadiness({ agent }: { agent: AgentDetail }) {
  const { maturity } = agent;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <Section title="Maturity checklist">
          {maturity ? (
            <>
              <MaturityScore maturity={maturity} />
              <MaturityChecklist maturity={maturity} />
            </>
          ) : (
            <Typography variant="body2" color="text.secondary">
              Not evaluated yet: the checklist is worked out from the
              agent&apos;s governance record and the enforcement layer&apos;s
              telemetry on the next analysis run.
            </Typography>
          )}
        </Section>
      </Grid>
      <Grid item xs={12} md={6}>
        <Stack spacing={3}>
          <Section title="Open findings">
            <OpenFindings findings={agent.findings} />
          </Section>
          <Section title="Approved scope and YAML">
            <Drift agent={agent} />
          </Section>
        </Stack>
      </Grid>
    </Grid>
  );
}

/** Entity card for kind Agent: production readiness, from the agents backend. @public */
export function AgentReadinessCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(agentsApiRef);
  const { value, loading, error } = useAsync(
    () => api.getAgent(entityRef),
    [api, entityRef],
  );
  let body: ReactNode;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (value) body = <AgentReadiness agent={value} />;
  return <InfoCard title="Production readiness">{body}</InfoCard>;
}
