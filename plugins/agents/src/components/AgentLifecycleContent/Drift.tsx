import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { AgentDetail } from '@mandate/plugin-agents-common';

/** Where the YAML and the approved scope differ, both ways, and a moved owner. */
export function Drift({ agent }: { agent: AgentDetail }) {
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
