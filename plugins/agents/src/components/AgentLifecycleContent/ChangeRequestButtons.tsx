import Button from '@mui/material/Button';
import { AgentDetail, AgentState } from '@mandate/plugin-agents-common';
import { useState } from 'react';
import { CommissionDialog } from './CommissionDialog';
import { ScopeChangeDialog } from './ScopeChangeDialog';
import { TransferOwnerDialog } from './TransferOwnerDialog';

// The states the backend accepts each request in (agents-backend lifecycle/rules.ts).
const SCOPE_CHANGE_FROM: AgentState[] = ['active', 'suspended'];
const TRANSFER_FROM: AgentState[] = [
  'proposed',
  'active',
  'suspended',
  'decommissioning',
];

/**
 * The owner's "Commission", "Request scope change" and "Transfer owner" buttons and their
 * dialogs. Render it only for people allowed to file requests for the agent.
 */
export function ChangeRequestButtons(props: {
  agent: AgentDetail;
  disabled?: boolean;
  onFiled(message: string): void;
}) {
  const { agent } = props;
  // Each dialog mounts fresh when opened, so it starts from the current scope and owner.
  const [open, setOpen] = useState<'commission' | 'scope' | 'owner'>();
  // A proposed agent is commissioned once; a filed commission waits in the requests.
  const canCommission =
    agent.state === 'proposed' &&
    !agent.requests.some(
      r => r.type === 'commission' && r.status === 'pending',
    );
  const filed = (message: string) => {
    setOpen(undefined);
    props.onFiled(message);
  };
  return (
    <>
      {canCommission && (
        <Button
          variant="contained"
          disabled={props.disabled}
          onClick={() => setOpen('commission')}
        >
          Commission
        </Button>
      )}
      {SCOPE_CHANGE_FROM.includes(agent.state) && (
        <Button
          variant="outlined"
          disabled={props.disabled}
          onClick={() => setOpen('scope')}
        >
          Request scope change
        </Button>
      )}
      {TRANSFER_FROM.includes(agent.state) && (
        <Button
          variant="outlined"
          disabled={props.disabled}
          onClick={() => setOpen('owner')}
        >
          Transfer owner
        </Button>
      )}
      {open === 'commission' && (
        <CommissionDialog
          agent={agent}
          onClose={() => setOpen(undefined)}
          onFiled={filed}
        />
      )}
      {open === 'scope' && (
        <ScopeChangeDialog
          agent={agent}
          onClose={() => setOpen(undefined)}
          onFiled={filed}
        />
      )}
      {open === 'owner' && (
        <TransferOwnerDialog
          agent={agent}
          onClose={() => setOpen(undefined)}
          onFiled={filed}
        />
      )}
    </>
  );
}
