import { useApi } from '@backstage/core-plugin-api';
import Typography from '@mui/material/Typography';
import { AgentDetail } from '@mandate/plugin-agents-common';
import { agentsApiRef } from '../../api/agentsApiRef';
import { RequestDialog } from '../shared/RequestDialog';
import { useRequestForm } from '../shared/useRequestForm';

/** One tool of the declared scope as a line: "refunds.issue: write, human approval". */
function toolLine(tool: AgentDetail['declaredScope']['tools'][number]) {
  const details: string[] = [tool.access];
  if (tool.approval === 'human') details.push('human approval of each call');
  if (tool.dataClasses?.length) {
    details.push(`data ${tool.dataClasses.join(', ')}`);
  }
  return `${tool.name}: ${details.join(', ')}`;
}

/**
 * The owner's commission of an agent that is in the catalog but `proposed`: it shows the
 * scope the YAML declares, which security approves as the agent's first approved scope,
 * and files the request with a reason.
 */
export function CommissionDialog(props: {
  agent: AgentDetail;
  onClose(): void;
  onFiled(message: string): void;
}) {
  const api = useApi(agentsApiRef);
  const form = useRequestForm();
  const { agent } = props;
  const scope = agent.declaredScope;

  const submit = async () => {
    const filed = await form.submit(true, reason =>
      api.fileRequest({
        agentRef: agent.entityRef,
        type: 'commission',
        reason,
        payload: {},
      }),
    );
    if (filed) {
      props.onFiled('Commission filed; it waits for security’s approval.');
    }
  };

  return (
    <RequestDialog
      open
      title="Commission agent"
      submitLabel="File commission"
      form={form}
      onClose={props.onClose}
      onSubmit={submit}
    >
      <Typography variant="body2">
        {agent.title ?? agent.entityRef} is in the catalog but not commissioned:
        until security approves, it has no approved scope, and gateways deny
        every call it makes. Security approves the scope its catalog-info.yaml
        declares:
      </Typography>
      <Typography variant="body2" component="div">
        <ul aria-label="Declared scope">
          <li>identity {agent.identityId}</li>
          {scope.tools.length === 0 && <li>no tools: every call is denied</li>}
          {scope.tools.map(tool => (
            <li key={tool.name}>{toolLine(tool)}</li>
          ))}
          <li>
            data classes{' '}
            {scope.dataClasses.length > 0
              ? scope.dataClasses.join(', ')
              : 'none'}
          </li>
        </ul>
      </Typography>
    </RequestDialog>
  );
}
