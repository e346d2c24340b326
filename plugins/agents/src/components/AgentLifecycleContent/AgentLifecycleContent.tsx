import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import {
  AgentDetail,
  FileRequestBody,
  GovernanceRequest,
  agentContainPermission,
  agentRequestCreatePermission,
  agentRequestDecidePermission,
} from '@mandate/plugin-agents-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { agentsApiRef } from '../../api/agentsApiRef';
import { StateChip } from '../shared/labels';

const MIN_REASON = 3;

function RequestsTable(props: {
  requests: GovernanceRequest[];
  canDecide: boolean;
  onDecide(request: GovernanceRequest, decision: 'approve' | 'reject'): void;
  busy: boolean;
}) {
  return (
    <Table size="small" aria-label="Requests">
      <TableHead>
        <TableRow>
          <TableCell>Filed</TableCell>
          <TableCell>Request</TableCell>
          <TableCell>By</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Decision</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.requests.map(request => (
          <TableRow key={request.id}>
            <TableCell>{request.createdAt.slice(0, 10)}</TableCell>
            <TableCell>{request.type}</TableCell>
            <TableCell>{request.requesterRef}</TableCell>
            <TableCell>{request.reason}</TableCell>
            <TableCell>{request.status}</TableCell>
            <TableCell>
              {request.status === 'pending' && props.canDecide ? (
                <Stack direction="row" spacing={1}>
                  <Button
                    size="small"
                    variant="contained"
                    disabled={props.busy}
                    onClick={() => props.onDecide(request, 'approve')}
                  >
                    Approve
                  </Button>
                  <Button
                    size="small"
                    color="error"
                    disabled={props.busy}
                    onClick={() => props.onDecide(request, 'reject')}
                  >
                    Reject
                  </Button>
                </Stack>
              ) : (
                request.deciderRef &&
                `${request.decision} by ${request.deciderRef}`
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Drift({ agent }: { agent: AgentDetail }) {
  const { notApproved, notDeclared, ownerDiffers } = agent.drift;
  if (!notApproved.length && !notDeclared.length && !ownerDiffers) {
    return (
      <Typography variant="body2">
        The YAML matches the approved scope (version {agent.approvedVersions}).
      </Typography>
    );
  }
  const describe = (c: AgentDetail['drift']['notApproved'][number]) =>
    `${c.kind}${'tool' in c && c.tool ? ` ${c.tool}` : ''}${
      'dataClass' in c ? ` ${c.dataClass}` : ''
    }`;
  return (
    <Stack spacing={1}>
      {notApproved.length > 0 && (
        <Alert severity="warning">
          Declared in the YAML but not approved (not enforced):{' '}
          {notApproved.map(describe).join(', ')}
        </Alert>
      )}
      {notDeclared.length > 0 && (
        <Alert severity="info">
          Approved but no longer declared in the YAML:{' '}
          {notDeclared.map(describe).join(', ')}
        </Alert>
      )}
      {ownerDiffers && (
        <Alert severity="info">
          Ownership moved to {ownerDiffers.governance}; the YAML still names{' '}
          {ownerDiffers.declared}.
        </Alert>
      )}
    </Stack>
  );
}

/**
 * The Lifecycle tab of an Agent: state, drift, requests and decisions, the audit trail, and
 * the actions the signed-in person may take.
 * @public
 */
export function AgentLifecycleContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(agentsApiRef);
  const canDecide = usePermission({
    permission: agentRequestDecidePermission,
    resourceRef: entityRef,
  }).allowed;
  const canContain = usePermission({
    permission: agentContainPermission,
    resourceRef: entityRef,
  }).allowed;
  const canRequest = usePermission({
    permission: agentRequestCreatePermission,
    resourceRef: entityRef,
  }).allowed;
  const { value, loading, error, retry } = useAsyncRetry(
    async () => ({
      agent: await api.getAgent(entityRef),
      audit: await api.listAudit(entityRef, { limit: 50 }),
    }),
    [api, entityRef],
  );
  const [reason, setReason] = useState('');
  const [attestation, setAttestation] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{
    severity: 'success' | 'error';
    text: string;
  }>();

  const act = async (what: string, call: () => Promise<unknown>) => {
    setBusy(true);
    setMessage(undefined);
    try {
      await call();
      setMessage({ severity: 'success', text: what });
      setReason('');
      retry();
    } catch (e) {
      setMessage({ severity: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const file = (
    type: FileRequestBody['type'],
    payload: FileRequestBody['payload'] = {},
  ) =>
    act(`${type} filed`, () =>
      api.fileRequest({ agentRef: entityRef, type, reason, payload }),
    );

  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  const { agent, audit } = value;
  const noProvider = agent.enforcement.providers.length === 0;
  const reasonMissing = reason.trim().length < MIN_REASON;

  return (
    <Stack spacing={3}>
      <InfoCard title="Lifecycle">
        <Stack spacing={2}>
          <Stack direction="row" spacing={2} alignItems="center">
            <StateChip state={agent.state} />
            <Typography variant="body2">
              since {agent.stateChangedAt.slice(0, 10)}; owner {agent.ownerRef}
            </Typography>
          </Stack>
          <Drift agent={agent} />
          {message && <Alert severity={message.severity}>{message.text}</Alert>}
          {(canDecide || canContain || canRequest) && (
            <Stack spacing={1}>
              <TextField
                size="small"
                label="Reason for your decision or request"
                value={reason}
                onChange={e => setReason(e.target.value)}
                helperText="Recorded in the audit trail"
              />
              <Stack direction="row" spacing={1} flexWrap="wrap">
                {canContain && agent.state === 'active' && (
                  <Button
                    color="error"
                    variant="outlined"
                    disabled={busy || reasonMissing}
                    onClick={() => file('suspend')}
                  >
                    Suspend
                  </Button>
                )}
                {canContain && agent.state === 'suspended' && (
                  <Button
                    variant="outlined"
                    disabled={busy || reasonMissing}
                    onClick={() => file('resume')}
                  >
                    Resume
                  </Button>
                )}
                {canRequest &&
                  ['active', 'suspended'].includes(agent.state) && (
                    <Button
                      variant="outlined"
                      disabled={
                        busy ||
                        reasonMissing ||
                        (noProvider && attestation.trim().length < 10)
                      }
                      onClick={() =>
                        file('decommission', noProvider ? { attestation } : {})
                      }
                    >
                      Decommission
                    </Button>
                  )}
              </Stack>
              {canRequest &&
                noProvider &&
                ['active', 'suspended'].includes(agent.state) && (
                  <TextField
                    size="small"
                    label="Attestation for decommissioning"
                    value={attestation}
                    onChange={e => setAttestation(e.target.value)}
                    helperText="No enforcement layer is installed: say how the agent's credentials were revoked"
                  />
                )}
            </Stack>
          )}
        </Stack>
      </InfoCard>
      <InfoCard title="Requests">
        <RequestsTable
          requests={agent.requests}
          canDecide={canDecide}
          busy={busy || reasonMissing}
          onDecide={(request, decision) =>
            act(
              `${request.type} ${
                decision === 'approve' ? 'approved' : 'rejected'
              }`,
              () => api.decideRequest(request.id, { decision, reason }),
            )
          }
        />
        {canDecide &&
          agent.requests.some(r => r.status === 'pending') &&
          reasonMissing && (
            <Typography variant="caption" color="text.secondary">
              Give a reason above to approve or reject.
            </Typography>
          )}
      </InfoCard>
      <InfoCard title="Audit trail">
        <Table size="small" aria-label="Audit trail">
          <TableHead>
            <TableRow>
              <TableCell>#</TableCell>
              <TableCell>When</TableCell>
              <TableCell>Who</TableCell>
              <TableCell>What</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {audit.items.map(event => (
              <TableRow key={event.seq}>
                <TableCell>{event.seq}</TableCell>
                <TableCell>
                  {event.occurredAt.replace('T', ' ').slice(0, 16)}
                </TableCell>
                <TableCell>{event.actorRef}</TableCell>
                <TableCell>{event.action}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </InfoCard>
    </Stack>
  );
}
