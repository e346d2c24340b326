import { useApi } from '@backstage/core-plugin-api';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { CallApproval } from '@mandate/plugin-agents-common';
import { agentsApiRef } from '../../api/agentsApiRef';
import { agentsClockApiRef } from '../../api/agentsClockApiRef';
import { RequestDialog } from '../shared/RequestDialog';
import { useRequestForm } from '../shared/useRequestForm';
import { expiryText } from './callApprovalText';

export type CallDecision = 'approve' | 'deny';

const TEXT: Record<
  CallDecision,
  {
    verb: string;
    pending: string;
    explain: string;
    done: (tool: string) => string;
  }
> = {
  approve: {
    verb: 'Approve',
    pending: 'Approving…',
    explain:
      'The gateway forwards this one call as soon as you approve it; the next call asks again.',
    done: tool => `Approved ${tool}: the gateway forwards the call.`,
  },
  deny: {
    verb: 'Deny',
    pending: 'Denying…',
    explain:
      'The gateway refuses this call, and the agent is told your reason.',
    done: tool => `Denied ${tool}: the gateway refuses the call.`,
  },
};

/** The held call, as the person who decides it needs to read it. */
function CallDetails({ approval }: { approval: CallApproval }) {
  const clock = useApi(agentsClockApiRef);
  const rows: [string, string][] = [
    ['Tool', approval.tool],
    ['What the call does', approval.argumentsSummary],
    ['Why it needs a person', approval.why],
    ['On behalf of', approval.onBehalfOf ?? 'nobody named'],
    ['Requested by', approval.requestedBy],
    ['Expires', expiryText(approval, clock.now())],
  ];
  return (
    <Box
      component="dl"
      sx={{
        display: 'grid',
        gridTemplateColumns: 'max-content 1fr',
        columnGap: 2,
        rowGap: 0.5,
        m: 0,
      }}
    >
      {rows.map(([term, value]) => (
        <Box key={term} sx={{ display: 'contents' }}>
          <Typography component="dt" variant="body2" color="text.secondary">
            {term}
          </Typography>
          <Typography
            component="dd"
            variant="body2"
            sx={{ m: 0, overflowWrap: 'anywhere' }}
          >
            {value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

/**
 * Approve or deny one held call with a reason. A refusal by the backend (the call expired,
 * someone decided it first, the person may not decide it) stays in the dialog, in the
 * backend's words; `onFailed` lets the list behind it look again.
 */
export function DecideCallDialog(props: {
  approval: CallApproval;
  decision: CallDecision;
  open: boolean;
  onClose(): void;
  /** Called with a sentence saying what happened once the decision is recorded. */
  onDecided(message: string): void;
  onFailed?(): void;
}) {
  const api = useApi(agentsApiRef);
  const form = useRequestForm();
  const { approval, decision } = props;
  const text = TEXT[decision];

  const submit = async () => {
    let failed = false;
    const decided = await form.submit(true, async reason => {
      try {
        return await api.decideCallApproval(approval.id, { decision, reason });
      } catch (error) {
        failed = true;
        throw error;
      }
    });
    if (decided) {
      form.reset();
      props.onDecided(text.done(decided.tool));
    } else if (failed) {
      props.onFailed?.();
    }
  };

  return (
    <RequestDialog
      open={props.open}
      title={`${text.verb} ${approval.tool}`}
      submitLabel={text.verb}
      pendingLabel={text.pending}
      form={form}
      onClose={() => {
        form.reset();
        props.onClose();
      }}
      onSubmit={submit}
    >
      <CallDetails approval={approval} />
      <Typography variant="body2">{text.explain}</Typography>
    </RequestDialog>
  );
}
