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
  AgentState,
  ListAgentsQuery,
  MODEL_TIERS,
  ReviewStatus,
  TOOL_ACCESS_LEVELS,
} from '@mandate/plugin-agents-common';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useDebounce from 'react-use/esm/useDebounce';
import { agentsApiRef } from '../../api/agentsApiRef';
import { RelativeTime } from '../shared/RelativeTime';
import { FindingCounts, SEVERITIES } from '../shared/findings';
import { StateChip, reviewLabel } from '../shared/labels';
import { MaturityScoreChip } from '../shared/maturity';
import { ContainAction } from './ContainAction';
import { agentPagePath as agentPath } from '@mandate/plugin-agents-common';

type SortKey = NonNullable<ListAgentsQuery['orderBy']>;
const REVIEW_STATUSES: ReviewStatus[] = ['overdue', 'due', 'not-due', 'none'];
const MATURITY_THRESHOLDS = [50, 70, 80, 90, 100];

/** The estate filters on governance facts: model, access, data, findings, maturity. */
type FactFilters = Pick<
  ListAgentsQuery,
  | 'modelTier'
  | 'highestAccess'
  | 'dataClass'
  | 'findingSeverity'
  | 'maturityBelow'
>;

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
      onChange={e => props.onChange(e.target.value)}
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

/** The estate: every agent the caller may see, filtered, sorted and paged on the server. */
export function AgentsTable(props: {
  /** Called after a row's suspend or resume, for views that show counts of the estate. */
  onChanged?(): void;
}) {
  const api = useApi(agentsApiRef);
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useDebounce(() => setQ(search.trim()), 300, [search]);
  const [state, setState] = useState<AgentState | ''>('');
  const [reviewStatus, setReviewStatus] = useState<ReviewStatus | ''>('');
  const [orderBy, setOrderBy] = useState<SortKey>('name');
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(25);
  const [facts, setFacts] = useState<FactFilters>({});
  const setFact = (key: keyof FactFilters, raw: string) => {
    const next = { ...facts };
    if (raw === '') delete next[key];
    else if (key === 'maturityBelow') next.maturityBelow = Number(raw);
    else next[key] = raw;
    setFacts(next);
    setPage(0);
  };
  // The data classes the estate holds, for the data class filter.
  const dataClasses = useAsync(async () =>
    Object.keys((await api.estateSummary()).agentsByDataClass).sort(),
  );

  const { value, loading, error, retry } = useAsyncRetry(
    () =>
      api.listAgents({
        q: q || undefined,
        state: state || undefined,
        reviewStatus: reviewStatus || undefined,
        ...facts,
        orderBy,
        order,
        limit: rowsPerPage,
        offset: page * rowsPerPage,
      }),
    [api, q, state, reviewStatus, facts, orderBy, order, page, rowsPerPage],
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
      const csv = await api.exportAgentsCsv({
        q: q || undefined,
        state: state || undefined,
        reviewStatus: reviewStatus || undefined,
        ...facts,
        orderBy,
        order,
      });
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

  const sortBy = (key: SortKey) => {
    setOrder(orderBy === key && order === 'asc' ? 'desc' : 'asc');
    setOrderBy(key);
    setPage(0);
  };
  const sortHeader = (key: SortKey, label: string) => (
    <TableCell>
      <TableSortLabel
        active={orderBy === key}
        direction={order}
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
          onChange={e => {
            setSearch(e.target.value);
            setPage(0);
          }}
          sx={{ minWidth: 280 }}
        />
        <FilterSelect
          label="State"
          anyLabel="Any state"
          value={state}
          options={asOptions(AGENT_STATES)}
          onChange={v => {
            setState(v as AgentState | '');
            setPage(0);
          }}
        />
        <FilterSelect
          label="Review"
          anyLabel="Any review status"
          value={reviewStatus}
          options={asOptions(REVIEW_STATUSES)}
          onChange={v => {
            setReviewStatus(v as ReviewStatus | '');
            setPage(0);
          }}
        />
        <FilterSelect
          label="Model tier"
          anyLabel="Any tier"
          value={facts.modelTier}
          options={asOptions(MODEL_TIERS)}
          onChange={v => setFact('modelTier', v)}
        />
        <FilterSelect
          label="Highest access"
          anyLabel="Any access"
          value={facts.highestAccess}
          options={asOptions(TOOL_ACCESS_LEVELS)}
          onChange={v => setFact('highestAccess', v)}
        />
        <FilterSelect
          label="Data class"
          anyLabel="Any data class"
          value={facts.dataClass}
          options={asOptions(dataClasses.value ?? [])}
          onChange={v => setFact('dataClass', v)}
        />
        <FilterSelect
          label="Open finding"
          anyLabel="Any or none"
          value={facts.findingSeverity}
          options={asOptions(SEVERITIES)}
          onChange={v => setFact('findingSeverity', v)}
        />
        <FilterSelect
          label="Maturity"
          anyLabel="Any score"
          value={facts.maturityBelow}
          options={MATURITY_THRESHOLDS.map(n => ({
            value: n,
            label: `below ${n} or not evaluated`,
          }))}
          onChange={v => setFact('maturityBelow', v)}
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
            page={page}
            rowsPerPage={rowsPerPage}
            rowsPerPageOptions={[25, 50, 100]}
            onPageChange={(_, next) => setPage(next)}
            onRowsPerPageChange={e => {
              setRowsPerPage(Number(e.target.value));
              setPage(0);
            }}
          />
        </>
      )}
    </Box>
  );
}
