import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { ACCESS_COLOR } from '../shared/labels';
import {
  AgentEntityV1alpha1,
  getToolApiRef,
} from '@mandate/plugin-agents-common';

/** The tool manifest: what this agent may call; everything else is denied. */
export function ToolManifestTable({ agent }: { agent: AgentEntityV1alpha1 }) {
  const tools = agent.spec.tools;
  if (tools.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No tools: this agent is denied every tool call.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Tool manifest">
      <TableHead>
        <TableRow>
          <TableCell>Tool</TableCell>
          <TableCell>Server</TableCell>
          <TableCell>Access</TableCell>
          <TableCell>Approval</TableCell>
          <TableCell>Data classes</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {tools.map(tool => {
          const apiRef = getToolApiRef(agent, tool);
          const unguarded =
            tool.access === 'destructive' && tool.approval !== 'human';
          return (
            <TableRow key={tool.name}>
              <TableCell>
                <code>{tool.name}</code>
              </TableCell>
              <TableCell>
                {apiRef ? <EntityRefLink entityRef={apiRef} /> : '—'}
              </TableCell>
              <TableCell>
                <Chip
                  size="small"
                  label={tool.access}
                  color={ACCESS_COLOR[tool.access]}
                />
              </TableCell>
              <TableCell>
                {tool.approval === 'human' ? 'human, per call' : 'none'}
                {unguarded && (
                  <Typography variant="caption" color="error" display="block">
                    destructive without human approval
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                {(tool.dataClasses ?? []).join(', ') || '—'}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
