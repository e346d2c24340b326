import { useApi } from '@backstage/core-plugin-api';
import Typography from '@mui/material/Typography';
import {
  AgentDetail,
  AgentScope,
  diffScopes,
} from '@mandate/plugin-agents-common';
import { useState } from 'react';
import { agentsApiRef } from '../../api/agentsApiRef';
import { RequestDialog } from '../shared/RequestDialog';
import { useRequestForm } from '../shared/useRequestForm';
import { DataClassesField, ScopeToolsEditor } from './ScopeToolsEditor';
import { ScopeDiffPreview } from './ScopeDiffPreview';
import { scopeProblems } from './scopeDraft';

const EMPTY_SCOPE: AgentScope = { dataClasses: [], tools: [] };

/**
 * The owner's scope change: edits the approved scope (the one the backend compares with),
 * previews the difference and files it. Reductions apply at once; expansions wait.
 */
export function ScopeChangeDialog(props: {
  agent: AgentDetail;
  onClose(): void;
  onFiled(message: string): void;
}) {
  const api = useApi(agentsApiRef);
  const form = useRequestForm();
  const approved: AgentScope = props.agent.approvedScope
    ? {
        dataClasses: props.agent.approvedScope.dataClasses,
        tools: props.agent.approvedScope.tools,
      }
    : EMPTY_SCOPE;
  const [draft, setDraft] = useState<AgentScope>(approved);
  const changes = diffScopes(approved, draft);
  const problems = scopeProblems(draft);
  const valid = changes.length > 0 && Object.keys(problems).length === 0;

  const submit = async () => {
    const filed = await form.submit(valid, reason =>
      api.fileRequest({
        agentRef: props.agent.entityRef,
        type: 'scope-change',
        reason,
        payload: { scope: draft },
      }),
    );
    if (!filed) return;
    props.onFiled(
      filed.status === 'applied'
        ? 'Scope change applied.'
        : 'Scope change filed; it waits for security’s approval.',
    );
  };

  return (
    <RequestDialog
      open
      title="Request scope change"
      submitLabel="File scope change"
      form={form}
      onClose={props.onClose}
      onSubmit={submit}
      maxWidth="md"
    >
      <Typography variant="body2">
        {props.agent.approvedScope
          ? `Starts from the approved scope (version ${props.agent.approvedScope.version}), which the gateway enforces.`
          : 'The agent has no approved scope yet; everything you add widens it.'}
      </Typography>
      <DataClassesField
        scope={draft}
        problem={problems.dataClasses}
        onChange={setDraft}
      />
      <ScopeToolsEditor scope={draft} problems={problems} onChange={setDraft} />
      <ScopeDiffPreview changes={changes} emptyIsError={form.attempted} />
    </RequestDialog>
  );
}
