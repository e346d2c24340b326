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
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import {
  FileRequestBody,
  agentContainPermission,
  agentRequestCreatePermission,
  agentRequestDecidePermission,
} from '@mandate/plugin-agents-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { agentsApiRef } from '../../api/agentsApiRef';
import { CallApprovalsCard } from '../CallApprovals';
import { StateChip } from '../shared/labels';
import { readableError } from '../shared/readableError';
import { MIN_REASON_LENGTH } from '../shared/useRequestForm';
import { AuditTrailTable } from './AuditTrailTable';
import { ChangeRequestButtons } from './ChangeRequestButtons';
import { Drift } from './Drift';
import { RequestsTable } from './RequestsTable';

/**
 * The Lifecycle tab of an Agent: state, drift, calls held for a person's approval, requests
 * and decisions, the audit trail, and the actions the signed-in person may take.
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

  const done = (text: string) => {
    setMessage({ severity: 'success', text });
    retry();
  };
  const act = async (what: string, call: () => Promise<unknown>) => {
    setBusy(true);
    setMessage(undefined);
    try {
      await call();
      setReason('');
      done(what);
    } catch (e) {
      setMessage({ severity: 'error', text: readableError(e) });
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
  const reasonMissing = reason.trim().length < MIN_REASON_LENGTH;

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
                {canRequest && (
                  <ChangeRequestButtons
                    agent={agent}
                    disabled={busy}
                    onFiled={done}
                  />
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
      <CallApprovalsCard agent={agent} />
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
        <AuditTrailTable events={audit.items} />
      </InfoCard>
    </Stack>
  );
}
