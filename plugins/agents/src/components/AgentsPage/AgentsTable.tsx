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
  MODEL_TIERS,
  TOOL_ACCESS_LEVELS,
} from '@mandate/plugin-agents-common';
import { useState } from 'react';
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
  MATURITY_THRESHOLDS,
  REVIEW_STATUSES,
  ROWS_PER_PAGE_OPTIONS,
  SortKey,
} from './estateParams';
import { useEstateQuery } from './useEstateQuery';

/** A select of one filter; the empty value means "any". */
function FilterSelect(props: {
  label: string;
  anyLabel: string;
  value: string | number | undefined;
  options: Array<{ value: string | number; label: string }>;
  onChange(value: string): void;
}) {
  return (
    <TextField
      select
      size="small"
      label={props.label}
      value={props.value ?? ''}
      // A select hands over its option's value as is: a number for the maturity.
      onChange={e => props.onChange(String(e.target.value))}
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
}

const asOptions = (values: readonly string[]) =>
  values.map(value => ({ value, label: value }));

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
  const onContained = (message: string) => {
    setContained(message);
    retry();
    props.onChanged?.();
  };

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
          label="State"
          anyLabel="Any state"
          value={view.state}
          options={asOptions(AGENT_STATES)}
          onChange={v => setFilter('state', v)}
        />
        <FilterSelect
          label="Review"
          anyLabel="Any review status"
          value={view.reviewStatus}
          options={asOptions(REVIEW_STATUSES)}
          onChange={v => setFilter('reviewStatus', v)}
        />
        <FilterSelect
          label="Model tier"
          anyLabel="Any tier"
          value={view.modelTier}
          options={asOptions(MODEL_TIERS)}
          onChange={v => setFilter('modelTier', v)}
        />
        <FilterSelect
          label="Highest access"
          anyLabel="Any access"
          value={view.highestAccess}
          options={asOptions(TOOL_ACCESS_LEVELS)}
          onChange={v => setFilter('highestAccess', v)}
        />
        <FilterSelect
          label="Data class"
          anyLabel="Any data class"
          value={view.dataClass}
          options={asOptions(
            withCurrent(dataClasses.value ?? [], view.dataClass),
          )}
          onChange={v => setFilter('dataClass', v)}
        />
        <FilterSelect
          label="Open finding"
          anyLabel="Any or none"
          value={view.findingSeverity}
          options={asOptions(SEVERITIES)}
          onChange={v => setFilter('findingSeverity', v)}
        />
        <FilterSelect
          label="Maturity"
          anyLabel="Any score"
          value={view.maturityBelow}
          options={MATURITY_THRESHOLDS.map(n => ({
            value: n,
            label: `below ${n} or not evaluated`,
          }))}
          onChange={v => setFilter('maturityBelow', v)}
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
                <TableRow key={agent.entityRef} hover>
                  <TableCell>
                    <Link
                      component={RouterLink}
                      to={agentPath(agent.entityRef)}
                    >
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
                      color={
                        agent.reviewStatus === 'overdue'
                          ? 'error'
                          : 'text.primary'
                      }
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
