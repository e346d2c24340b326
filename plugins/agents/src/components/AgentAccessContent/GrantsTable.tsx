import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { AgentGrantView } from '@mandate/plugin-agents-common';
import { useState } from 'react';
import { RelativeTime } from '../shared/RelativeTime';

const ENTITY_REF = /^[a-z][a-z0-9-]*:/i;

/** A user ref links to its catalog page; anything else the gateway sent is shown as is. */
function OnBehalfOf({ value }: { value?: string }) {
  if (!value) return <>—</>;
  if (ENTITY_REF.test(value)) {
    return <EntityRefLink entityRef={value} defaultKind="user" />;
  }
  return <>{value}</>;
}

function GrantFlags({ grant }: { grant: AgentGrantView }) {
  return (
    <Stack direction="row" spacing={0.5} sx={{ mt: 0.5 }}>
      {!grant.inApprovedScope && (
        <Tooltip title="The enforcement layer issued credentials for a tool that is not in the agent's approved scope.">
          <Chip size="small" color="error" label="not in approved scope" />
        </Tooltip>
      )}
      {grant.standing && (
        <Tooltip title="Never expires, or lives longer than the standing-grant threshold: the agent keeps this access whether it uses it or not.">
          <Chip size="small" color="warning" label="standing" />
        </Tooltip>
      )}
    </Stack>
  );
}

/** How a past grant ended: revoked, or expired. */
function Ended({ grant }: { grant: AgentGrantView }) {
  if (grant.revokedAt) {
    return (
      <>
        revoked <RelativeTime iso={grant.revokedAt} />
      </>
    );
  }
  return (
    <>
      expired <RelativeTime iso={grant.expiresAt} />
    </>
  );
}

/**
 * Credential grants, newest first, a page at a time. Active grants show when they expire,
 * past ones how they ended.
 */
export function GrantsTable({
  grants,
  label,
  past = false,
}: {
  grants: AgentGrantView[];
  label: string;
  past?: boolean;
}) {
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(10);
  if (grants.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {past
          ? 'No past grants.'
          : 'No active grants: the agent holds no credentials right now.'}
      </Typography>
    );
  }
  const rows = grants.slice(page * rowsPerPage, (page + 1) * rowsPerPage);
  return (
    <>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            <TableCell>Tool</TableCell>
            <TableCell>Scope</TableCell>
            <TableCell>Issued</TableCell>
            <TableCell>{past ? 'Ended' : 'Expires'}</TableCell>
            <TableCell>On behalf of</TableCell>
            <TableCell>Grant</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(grant => (
            <TableRow key={grant.id}>
              <TableCell>
                <code>{grant.tool}</code>
                <GrantFlags grant={grant} />
              </TableCell>
              <TableCell>{grant.scope ?? '—'}</TableCell>
              <TableCell>
                <RelativeTime iso={grant.issuedAt} />
              </TableCell>
              <TableCell>
                {past ? (
                  <Ended grant={grant} />
                ) : (
                  <RelativeTime iso={grant.expiresAt} fallback="never" />
                )}
              </TableCell>
              <TableCell>
                <OnBehalfOf value={grant.onBehalfOf} />
              </TableCell>
              <TableCell>
                <Typography variant="caption" component="code">
                  {grant.id}
                </Typography>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {grants.length > 10 && (
        <TablePagination
          component="div"
          count={grants.length}
          page={page}
          rowsPerPage={rowsPerPage}
          rowsPerPageOptions={[10, 25, 100]}
          onPageChange={(_, next) => setPage(next)}
          onRowsPerPageChange={e => {
            setRowsPerPage(Number(e.target.value));
            setPage(0);
          }}
        />
      )}
    </>
  );
}
