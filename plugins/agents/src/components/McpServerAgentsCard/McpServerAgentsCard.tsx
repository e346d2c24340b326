import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  RELATION_API_CONSUMED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EntityRefLink,
  catalogApiRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import {
  AgentEntityV1alpha1,
  getToolApiRef,
  isAgentEntity,
} from '@mandate/plugin-agents-common';
import useAsync from 'react-use/esm/useAsync';
import { ACCESS_COLOR } from '../shared/labels';

/** The tools of an agent that this API serves. */
export function toolsServedBy(agent: AgentEntityV1alpha1, apiRef: string) {
  return agent.spec.tools.filter(tool => getToolApiRef(agent, tool) === apiRef);
}

/** On an MCP server's page: the agents whose manifests reach it, and with what access. @public */
export function McpServerAgentsCard() {
  const { entity } = useEntity();
  const catalogApi = useApi(catalogApiRef);
  const apiRef = stringifyEntityRef(entity);
  const consumerRefs = (entity.relations ?? [])
    .filter(
      r =>
        r.type === RELATION_API_CONSUMED_BY && r.targetRef.startsWith('agent:'),
    )
    .map(r => r.targetRef);
  const { value, loading, error } = useAsync(async () => {
    if (consumerRefs.length === 0) return [];
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: consumerRefs,
    });
    return items.filter(
      (e): e is AgentEntityV1alpha1 => !!e && isAgentEntity(e),
    );
  }, [catalogApi, consumerRefs.join(',')]);

  return (
    <InfoCard title="Agents that may call this MCP server">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && value.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          No agent's tool manifest reaches this server.
        </Typography>
      )}
      {value && value.length > 0 && (
        <Table size="small" aria-label="Agents reaching this server">
          <TableHead>
            <TableRow>
              <TableCell>Agent</TableCell>
              <TableCell>Tools</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.map(agent => (
              <TableRow key={stringifyEntityRef(agent)}>
                <TableCell>
                  <EntityRefLink entityRef={agent} />
                </TableCell>
                <TableCell>
                  {toolsServedBy(agent, apiRef).map(tool => (
                    <Chip
                      key={tool.name}
                      size="small"
                      sx={{ mr: 0.5, mb: 0.5 }}
                      color={ACCESS_COLOR[tool.access]}
                      label={`${tool.name}: ${tool.access}${
                        tool.approval === 'human' ? ', human approval' : ''
                      }`}
                    />
                  ))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
