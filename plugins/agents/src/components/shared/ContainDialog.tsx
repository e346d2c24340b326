import { useApi } from '@backstage/core-plugin-api';
import Typography from '@mui/material/Typography';
import { AgentState } from '@mandate/plugin-agents-common';
import { agentsApiRef } from '../../api/agentsApiRef';
import { RequestDialog } from './RequestDialog';
import { useRequestForm } from './useRequestForm';

/** Suspend an active agent, resume a suspended one; nothing for other states. */
export function containActionFor(
  state: AgentState,
): 'suspend' | 'resume' | undefined {
  if (state === 'active') return 'suspend';
  if (state === 'suspended') return 'resume';
  return undefined;
}

const TEXT = {
  suspend: {
    verb: 'Suspend',
    done: 'Suspended',
    explain:
      'Suspension takes effect at once: the enforcement layer revokes the agent’s grants and blocks its calls until it is resumed.',
  },
  resume: {
    verb: 'Resume',
    done: 'Resumed',
    explain:
      'Resuming lets the agent act again within its approved scope; the enforcement layer lifts the block.',
  },
};

/** Asks for a reason, then files a suspend or resume request for one agent. */
export function ContainDialog(props: {
  agent: { entityRef: string; name: string; title?: string; state: AgentState };
  open: boolean;
  onClose(): void;
  /** Called with a sentence saying what happened once the request is filed. */
  onDone(message: string): void;
}) {
  const api = useApi(agentsApiRef);
  const form = useRequestForm();
  const action = containActionFor(props.agent.state);
  if (!action) return null;
  const text = TEXT[action];
  const label = props.agent.title ?? props.agent.name;

  const submit = async () => {
    const filed = await form.submit(true, reason =>
      api.fileRequest({
        agentRef: props.agent.entityRef,
        type: action,
        reason,
      }),
    );
    if (filed) {
      form.reset();
      props.onDone(`${text.done} ${label}.`);
    }
  };

  return (
    <RequestDialog
      open={props.open}
      title={`${text.verb} ${label}`}
      submitLabel={text.verb}
      form={form}
      onClose={() => {
        form.reset();
        props.onClose();
      }}
      onSubmit={submit}
    >
      <Typography variant="body2">{text.explain}</Typography>
    </RequestDialog>
  );
}
