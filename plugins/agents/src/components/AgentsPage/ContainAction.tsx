import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@mui/material/Button';
import {
  AgentSummary,
  agentContainPermission,
} from '@mandate/plugin-agents-common';
import { useState } from 'react';
import { ContainDialog, containActionFor } from '../shared/ContainDialog';

/**
 * A row's Suspend or Resume button. Shown only to people allowed to contain this agent:
 * the check is per agent (the permission framework batches the rows' checks into one call),
 * so a policy that grants containment conditionally is honoured row by row.
 */
export function ContainAction(props: {
  agent: AgentSummary;
  onDone(message: string): void;
}) {
  const { agent } = props;
  const { allowed } = usePermission({
    permission: agentContainPermission,
    resourceRef: agent.entityRef,
  });
  const [open, setOpen] = useState(false);
  const action = containActionFor(agent.state);
  if (!allowed || !action) return null;
  const verb = action === 'suspend' ? 'Suspend' : 'Resume';
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        color={action === 'suspend' ? 'error' : 'primary'}
        aria-label={`${verb} ${agent.title ?? agent.name}`}
        sx={{ whiteSpace: 'nowrap' }}
        onClick={() => setOpen(true)}
      >
        {verb}
      </Button>
      <ContainDialog
        agent={agent}
        open={open}
        onClose={() => setOpen(false)}
        onDone={message => {
          setOpen(false);
          props.onDone(message);
        }}
      />
    </>
  );
}
