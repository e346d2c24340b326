import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { AgentActivity, DailyActivity } from '@mandate/plugin-agents-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { agentsApiRef } from '../../api/agentsApiRef';
import { agentsClockApiRef } from '../../api/agentsClockApiRef';
import { RelativeTime } from '../shared/RelativeTime';
import { ActivityCharts } from './ActivityCharts';
import {
  WINDOWS,
  WindowDays,
  fillDays,
  formatCompact,
  formatCount,
  formatUsd,
  windowOf,
} from './days';
import { DeclaredModel, ModelsTable } from './ModelsTable';
import { SourcesTable, StaleDataAlert } from './SourcesStatus';
import { ToolActivityTable } from './ToolActivityTable';

/** What the entity's YAML declares, read defensively: the page may hold an invalid entity. */
function declaredOf(entity: Entity): {
  tools: string[];
  model: DeclaredModel;
  identity?: string;
} {
  const spec = (entity.spec ?? {}) as {
    tools?: Array<{ name?: unknown }>;
    model?: { name?: unknown; tier?: unknown };
    identity?: { id?: unknown };
  };
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    tools: (Array.isArray(spec.tools) ? spec.tools : [])
      .map(t => text(t?.name))
      .filter((n): n is string => !!n),
    model: { name: text(spec.model?.name), tier: text(spec.model?.tier) },
    identity: text(spec.identity?.id),
  };
}

function WindowChooser({
  value,
  onChange,
}: {
  value: WindowDays;
  onChange(days: WindowDays): void;
}) {
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={value}
      onChange={(_, next) => next && onChange(next)}
      aria-label="Window"
    >
      {WINDOWS.map(days => (
        <ToggleButton key={days} value={days}>
          {days} days
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}

/** The window's figures in a line; tokens in short form, exact on hover. */
function Totals({ activity }: { activity: AgentActivity }) {
  const sum = (key: Exclude<keyof DailyActivity, 'day'>) =>
    activity.daily.reduce((total, d) => total + d[key], 0);
  const tokens = (n: number) => ({
    value: formatCompact(n),
    exact: `${formatCount(n)} tokens`,
  });
  const figures: Array<{ label: string; value: string; exact?: string }> = [
    { label: 'Calls', value: formatCount(sum('calls')) },
    { label: 'Denials', value: formatCount(sum('denials')) },
    { label: 'Errors', value: formatCount(sum('errors')) },
    { label: 'Input tokens', ...tokens(sum('inputTokens')) },
    { label: 'Output tokens', ...tokens(sum('outputTokens')) },
    { label: 'Cost', value: formatUsd(sum('costUsd')) },
  ];
  return (
    <Stack
      direction="row"
      spacing={4}
      flexWrap="wrap"
      useFlexGap
      role="group"
      aria-label="Totals"
    >
      {figures.map(({ label, value, exact }) => (
        <Box key={label}>
          <Typography variant="overline" color="text.secondary">
            {label}
          </Typography>
          <Typography variant="h6" title={exact}>
            {value}
          </Typography>
        </Box>
      ))}
      <Box>
        <Typography variant="overline" color="text.secondary">
          Last activity
        </Typography>
        <Typography variant="h6">
          <RelativeTime iso={activity.lastActivityAt} fallback="never" />
        </Typography>
      </Box>
    </Stack>
  );
}

function NoActivity({ days, identity }: { days: number; identity?: string }) {
  return (
    <Box>
      <Typography variant="body1">
        No activity reported by the enforcement layer in the last {days} days.
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        Calls appear here once the gateway, or an OpenTelemetry Collector in
        front of it, exports GenAI spans with <code>gen_ai.agent.id</code>{' '}
        {identity ? <code>{identity}</code> : "set to this agent's identity"}{' '}
        over OTLP/HTTP to <code>/api/agents/otlp</code>, or once a gateway is
        configured under <code>agents.gateways.http</code>.
      </Typography>
    </Box>
  );
}

/**
 * The Activity tab of an Agent: what the enforcement layer saw it do in the last 7, 30 or 90
 * days, per day, per tool and per model, and how current those figures are.
 * @public
 */
export function AgentActivityContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const declared = declaredOf(entity);
  const api = useApi(agentsApiRef);
  const clock = useApi(agentsClockApiRef);
  const [days, setDays] = useState<WindowDays>(30);
  const { value, loading, error } = useAsync(
    () => api.getAgentActivity(entityRef, windowOf(days, clock.now())),
    [api, clock, entityRef, days],
  );

  const header = (
    <Stack direction="row" spacing={2} alignItems="center">
      <Typography variant="body2">Window</Typography>
      <WindowChooser value={days} onChange={setDays} />
    </Stack>
  );
  if (error) {
    return (
      <Stack spacing={2}>
        {header}
        <ResponseErrorPanel error={error} />
      </Stack>
    );
  }
  if (!value) {
    return (
      <Stack spacing={2}>
        {header}
        <Progress />
      </Stack>
    );
  }
  // The window of the figures shown: while another loads, the previous one stays.
  const shownDays = fillDays(value.from, value.to, value.daily);
  const quiet =
    value.daily.length === 0 &&
    value.tools.length === 0 &&
    value.models.length === 0;

  const sources = (
    <InfoCard title="Data sources">
      <SourcesTable sources={value.sources} />
    </InfoCard>
  );

  return (
    <Stack spacing={3}>
      {header}
      {loading && <LinearProgress aria-label="Loading activity" />}
      <StaleDataAlert sources={value.sources} />
      {quiet ? (
        <>
          <InfoCard title="Activity">
            <NoActivity days={shownDays.length} identity={declared.identity} />
          </InfoCard>
          {sources}
        </>
      ) : (
        // One card below the other, each the full width: beside the charts, the tables'
        // columns would be squeezed (a row of the models table needs about 1000 px).
        <>
          <InfoCard title={`Activity, last ${shownDays.length} days`}>
            {/* a flex gap, not margins: Stack's margins would cancel the charts' Grid's
                negative margin, and the Grid would stick out of the card */}
            <Stack spacing={3} useFlexGap>
              <Totals activity={value} />
              <ActivityCharts days={shownDays} />
            </Stack>
          </InfoCard>
          <InfoCard title="Models that answered">
            <ModelsTable models={value.models} declared={declared.model} />
          </InfoCard>
          <InfoCard title="Tools">
            <ToolActivityTable tools={value.tools} declared={declared.tools} />
          </InfoCard>
          {sources}
        </>
      )}
    </Stack>
  );
}
