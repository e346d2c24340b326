import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  AgentEntityV1alpha1,
  getAgentOwnerRef,
  getAgentSponsorRef,
  getAgentSystemRef,
} from '@mandate/plugin-agents-common';
import { DateTime } from 'luxon';
import { ReactNode } from 'react';
import { agentsClockApiRef } from '../../api/agentsClockApiRef';
import { ToolManifestTable } from './ToolManifestTable';
import { describeCadence } from './describeCadence';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ minWidth: 0, overflowWrap: 'anywhere' }}>
      <Typography variant="overline" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </Box>
  );
}

function FieldRow({ children }: { children: ReactNode }) {
  return (
    <Box
      sx={{
        display: 'grid',
        gap: 2,
        gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))',
      }}
    >
      {children}
    </Box>
  );
}

function Sunset({ date }: { date: string }) {
  const now = useApi(agentsClockApiRef).now();
  const passed = DateTime.fromISO(date) < now.startOf('day');
  return (
    <span>
      {' '}
      Sunset {date}
      {passed && (
        <Chip size="small" color="error" label="sunset passed" sx={{ ml: 1 }} />
      )}
    </span>
  );
}

/** Presents one agent: who answers for it, what it runs on and what it may do. */
export function AgentOverview({ agent }: { agent: AgentEntityV1alpha1 }) {
  const { spec } = agent;
  const sponsorRef = getAgentSponsorRef(agent);
  const systemRef = getAgentSystemRef(agent);
  const budgets = Object.entries(spec.budgets ?? {});
  return (
    <Stack spacing={2}>
      <Typography variant="body1">{spec.purpose}</Typography>
      <FieldRow>
        <Field label="Identity">
          <code>{spec.identity.id}</code>
        </Field>
        <Field label="Owner">
          <EntityRefLink entityRef={getAgentOwnerRef(agent)} />
        </Field>
        <Field label="Sponsor">
          {sponsorRef ? (
            <EntityRefLink entityRef={sponsorRef} />
          ) : (
            <Typography variant="body2" color="error" component="span">
              none: no accountable human
            </Typography>
          )}
        </Field>
        <Field label="Model">
          {spec.model.provider} / {spec.model.name}{' '}
          <Chip size="small" label={spec.model.tier} variant="outlined" />
        </Field>
        <Field label="Type and lifecycle">
          {spec.type}, {spec.lifecycle}
        </Field>
        {systemRef && (
          <Field label="System">
            <EntityRefLink entityRef={systemRef} />
          </Field>
        )}
      </FieldRow>
      <Field label="Data classes">
        {(spec.dataClasses ?? []).length === 0
          ? 'none declared'
          : spec.dataClasses!.map(dc => (
              <Chip key={dc} size="small" label={dc} sx={{ mr: 0.5 }} />
            ))}
      </Field>
      <Box>
        <Typography variant="overline" color="text.secondary">
          Tool manifest (deny by default)
        </Typography>
        <ToolManifestTable agent={agent} />
      </Box>
      <FieldRow>
        <Field label="Review cadence">
          {describeCadence(spec.review?.cadence)}
        </Field>
        <Field label="Budgets">
          {budgets.length === 0
            ? 'none declared'
            : budgets.map(([key, value]) => `${key} ${value}`).join(', ')}
        </Field>
        <Field label="Decommission">
          {spec.decommission ? (
            <>
              {spec.decommission.criteria}
              {spec.decommission.sunset && (
                <Sunset date={spec.decommission.sunset} />
              )}
            </>
          ) : (
            <Typography variant="body2" color="error" component="span">
              no decommission criteria
            </Typography>
          )}
        </Field>
      </FieldRow>
    </Stack>
  );
}

/** Entity card for kind Agent; reads the entity from the page it is on. @public */
export function AgentOverviewCard() {
  const { entity } = useEntity<AgentEntityV1alpha1>();
  return (
    <InfoCard title="Agent overview">
      <AgentOverview agent={entity} />
    </InfoCard>
  );
}
