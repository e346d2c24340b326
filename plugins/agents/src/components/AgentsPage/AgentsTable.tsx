import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import {
  AGENT_STATES,
  AgentSummary,
  MODEL_TIERS,
  TOOL_ACCESS_LEVELS,
} from '@mandate/plugin-agents-common';
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { agentsApiRef } from '../../api/agentsApiRef';
import { RelativeTime } from '../shared/RelativeTime';
import { FindingCounts, SEVERITIES } from '../shared/findings';
import { StateChip, reviewLabel } from '../shared/labels';
import { MaturityScoreChip } from '../shared/maturity';
import { ContainAction } from './ContainAction';
import { agentPagePath as agentPath } from '@mandate/plugin-agents-common';
import {
  EstateFilter,
  MATURITY_THRESHOLDS,
  REVIEW_STATUSES,
  ROWS_PER_PAGE_OPTIONS,
  SortKey,
} from './estateParams';
import { useEstateQuery } from './useEstateQuery';

type Option = { value: string | number; label: string };

/**
 * A select of one filter; the empty value means "any". Memoised, as are the rows: a change
 * of the view re-renders only what it changes before the list request goes out.
 */
const FilterSelect = memo(function FilterSelectField(props: {
  name: EstateFilter;
  label: string;
  anyLabel: string;
  value: string | number | undefined;
  options: Option[];
  onChange(name: EstateFilter, value: string): void;
}) {
  const { name, onChange } = props;
  return (
    <TextField
      select
      size="small"
      label={props.label}
      value={props.value ?? ''}
      // A select hands over its option's value as is: a number for the maturity.
      onChange={e => onChange(name, String(e.target.value))}
      sx={{ minWidth: 150 }}
    >
      <MenuItem value="">{props.anyLabel}</MenuItem>
      {props.options.map(o => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
});

const asOptions = (values: readonly string[]): Option[] =>
  values.map(value => ({ value, label: value }));

const OPTIONS = {
  state: asOptions(AGENT_STATES),
  reviewStatus: asOptions(REVIEW_STATUSES),
  modelTier: asOptions(MODEL_TIERS),
  highestAccess: asOptions(TOOL_ACCESS_LEVELS),
  findingSeverity: asOptions(SEVERITIES),
  maturityBelow: MATURITY_THRESHOLDS.map(n => ({
    value: n,
    label: `below ${n} or not evaluated`,
  })),
};

/** One agent's row; rendered again only when its agent changes. */
const AgentRow = memo(function AgentTableRow({
  agent,
  onContained,
}: {
  agent: AgentSummary;
  onContained(message: string): void;
}) {
  return (
    <TableRow hover>
      <TableCell>
        <Link component={RouterLink} to={agentPath(agent.entityRef)}>
          {agent.title ?? agent.name}
        </Link>
      </TableCell>
      <TableCell>
        <EntityRefLink entityRef={agent.ownerRef} />
      </TableCell>
      <TableCell>
        <StateChip state={agent.state} />
      </TableCell>
      <TableCell>{agent.modelTier ?? '—'}</TableCell>
      <TableCell>{agent.highestAccess ?? 'none'}</TableCell>
      <TableCell>
        {agent.dataClasses.map(dc => (
          <Chip key={dc} size="small" label={dc} sx={{ mr: 0.5 }} />
        ))}
      </TableCell>
      <TableCell>
        <Typography
          variant="body2"
          color={agent.reviewStatus === 'overdue' ? 'error' : 'text.primary'}
        >
          {reviewLabel(agent)}
        </Typography>
      </TableCell>
      <TableCell>
        <MaturityScoreChip score={agent.maturityScore} />
      </TableCell>
      <TableCell>
        <RelativeTime iso={agent.lastActivityAt} fallback="none" />
      </TableCell>
      <TableCell align="right">{agent.openRequests}</TableCell>
      <TableCell>
        <FindingCounts counts={agent.openFindingsBySeverity} />
      </TableCell>
      <TableCell>
        <ContainAction agent={agent} onDone={onContained} />
      </TableCell>
    </TableRow>
  );
});

/** The options and the current value, which a link may name before the options load. */
const withCurrent = (values: string[], current: string | undefined) =>
  current && !values.includes(current) ? [...values, current].sort() : values;

/** The estate: every agent the caller may see, filtered, sorted and paged on the server. */
export function AgentsTable(props: {
  /**
   * The data classes the estate holds, for the data class filter; read from the estate
   * summary when not given.
   */
  dataClasses?: string[];
  /** Called after a row's suspend or resume, for views that show counts of the estate. */
  onChanged?(): void;
}) {
  const api = useApi(agentsApiRef);
  const {
    view,
    query,
    search,
    setSearch,
    setFilter,
    sortBy,
    setPage,
    setRowsPerPage,
  } = useEstateQuery();
  const dataClasses = useAsync(
    async () =>
      props.dataClasses ??
      Object.keys((await api.estateSummary()).agentsByDataClass).sort(),
    [api, props.dataClasses],
  );

  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listAgents(query),
    [api, query],
  );

  // What the last suspend or resume did; the page of rows is then fetched again.
  const [contained, setContained] = useState<string>();
  // The rows' and the selects' handlers stay the same from render to render (so that the
  // memoised rows and selects are not rendered again), calling what is current.
  const latest = useRef({ retry, onChanged: props.onChanged, setFilter });
  latest.current = { retry, onChanged: props.onChanged, setFilter };
  const onContained = useCallback((message: string) => {
    setContained(message);
    latest.current.retry();
    latest.current.onChanged?.();
  }, []);
  const onFilter = useCallback(
    (name: EstateFilter, raw: string) => latest.current.setFilter(name, raw),
    [],
  );
  const dataClassOptions = useMemo(
    () => asOptions(withCurrent(dataClasses.value ?? [], view.dataClass)),
    [dataClasses.value, view.dataClass],
  );

  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string>();
  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      // The whole filtered estate: the list's query without its paging.
      const { limit, offset, ...allPages } = query;
      const csv = await api.exportAgentsCsv(allPages);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      link.download = 'mandate-agents.csv';
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (e) {
      setExportError(`Export failed: ${(e as Error).message}`);
    } finally {
      setExporting(false);
    }
  };

  const sortHeader = (key: SortKey, label: string) => (
    <TableCell>
      <TableSortLabel
        active={view.orderBy === key}
        direction={view.order}
        onClick={() => sortBy(key)}
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );

  return (
    <Box>
      <Stack
        direction="row"
        spacing={2}
        useFlexGap
        flexWrap="wrap"
        sx={{ mb: 2 }}
      >
        <TextField
          size="small"
          label="Search name, title or identity"
          value={search}
          onChange={e => setSearch(e.target.value)}
          sx={{ minWidth: 280 }}
        />
        <FilterSelect
          name="state"
          label="State"
          anyLabel="Any state"
          value={view.state}
          options={OPTIONS.state}
          onChange={onFilter}
        />
        <FilterSelect
          name="reviewStatus"
          label="Review"
          anyLabel="Any review status"
          value={view.reviewStatus}
          options={OPTIONS.reviewStatus}
          onChange={onFilter}
        />
        <FilterSelect
          name="modelTier"
          label="Model tier"
          anyLabel="Any tier"
          value={view.modelTier}
          options={OPTIONS.modelTier}
          onChange={onFilter}
        />
        <FilterSelect
          name="highestAccess"
          label="Highest access"
          anyLabel="Any access"
          value={view.highestAccess}
          options={OPTIONS.highestAccess}
          onChange={onFilter}
        />
        <FilterSelect
          name="dataClass"
          label="Data class"
          anyLabel="Any data class"
          value={view.dataClass}
          options={dataClassOptions}
          onChange={onFilter}
        />
        <FilterSelect
          name="findingSeverity"
          label="Open finding"
          anyLabel="Any or none"
          value={view.findingSeverity}
          options={OPTIONS.findingSeverity}
          onChange={onFilter}
        />
        <FilterSelect
          name="maturityBelow"
          label="Maturity"
          anyLabel="Any score"
          value={view.maturityBelow}
          options={OPTIONS.maturityBelow}
          onChange={onFilter}
        />
        <Button variant="outlined" onClick={exportCsv} disabled={exporting}>
          Export CSV
        </Button>
      </Stack>
      {exportError && <Alert severity="error">{exportError}</Alert>}
      {contained && (
        <Alert severity="success" onClose={() => setContained(undefined)}>
          {contained}
        </Alert>
      )}
      {error && <ResponseErrorPanel error={error} />}
      {loading && !value && <Progress />}
      {value && (
        <>
          <Table size="small" aria-label="Agents">
            <TableHead>
              <TableRow>
                {sortHeader('name', 'Agent')}
                <TableCell>Owner</TableCell>
                {sortHeader('state', 'State')}
                <TableCell>Tier</TableCell>
                <TableCell>Access</TableCell>
                <TableCell>Data classes</TableCell>
                {sortHeader('reviewDueAt', 'Review')}
                {sortHeader('maturityScore', 'Maturity')}
                {sortHeader('lastActivityAt', 'Last activity')}
                <TableCell align="right">Requests</TableCell>
                {sortHeader('openFindings', 'Open findings')}
                <TableCell aria-label="Actions" />
              </TableRow>
            </TableHead>
            <TableBody>
              {value.items.length === 0 && (
                <TableRow>
                  <TableCell colSpan={12}>
                    <Typography variant="body2" color="text.secondary">
                      No agents match these filters.
                    </Typography>
                  </TableCell>
                </TableRow>
              )}
              {value.items.map(agent => (
                <AgentRow
                  key={agent.entityRef}
                  agent={agent}
                  onContained={onContained}
                />
              ))}
            </TableBody>
          </Table>
          <TablePagination
            component="div"
            count={value.totalCount}
            page={view.page}
            rowsPerPage={view.rowsPerPage}
            rowsPerPageOptions={ROWS_PER_PAGE_OPTIONS}
            onPageChange={(_, next) => setPage(next)}
            onRowsPerPageChange={e => setRowsPerPage(Number(e.target.value))}
          />
        </>
      )}
    </Box>
  );
}
