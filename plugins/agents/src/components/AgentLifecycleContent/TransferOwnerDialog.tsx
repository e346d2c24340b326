import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { agentsApiRef } from '../../api/agentsApiRef';
import { RequestDialog } from '../shared/RequestDialog';
import { readableError } from '../shared/readableError';
import { useRequestForm } from '../shared/useRequestForm';

type GroupOption = { ref: string; label: string };

/** The catalog's groups, the candidates for taking over an agent. */
function useGroups() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<GroupOption[]> => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Group' },
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.title',
        'spec.profile.displayName',
      ],
    });
    return items
      .map(group => {
        const ref = stringifyEntityRef(group);
        const profile = group.spec?.profile as
          | { displayName?: string }
          | undefined;
        const name = profile?.displayName ?? group.metadata.title;
        return { ref, label: name ? `${name} (${ref})` : ref };
      })
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [catalogApi]);
}

/** Why the chosen owner cannot take over, or undefined when it can. */
function ownerProblem(
  newOwner: string | undefined,
  currentOwner: string,
): string | undefined {
  if (!newOwner) return 'Choose the group that takes the agent over.';
  if (newOwner === currentOwner) {
    return `${newOwner} already owns this agent; choose another group.`;
  }
  return undefined;
}

/** The owner's transfer request: a new owning group from the catalog, and a reason. */
export function TransferOwnerDialog(props: {
  agent: { entityRef: string; ownerRef: string };
  onClose(): void;
  onFiled(message: string): void;
}) {
  const api = useApi(agentsApiRef);
  const form = useRequestForm();
  const groups = useGroups();
  const [newOwner, setNewOwner] = useState<GroupOption | null>(null);
  const problem = ownerProblem(newOwner?.ref, props.agent.ownerRef);

  const submit = async () => {
    const filed = await form.submit(!problem, reason =>
      api.fileRequest({
        agentRef: props.agent.entityRef,
        type: 'owner-transfer',
        reason,
        payload: { newOwner: newOwner!.ref },
      }),
    );
    if (filed) {
      props.onFiled(
        `Owner transfer to ${
          newOwner!.ref
        } filed; the new owner must accept it.`,
      );
    }
  };

  return (
    <RequestDialog
      open
      title="Transfer owner"
      submitLabel="File transfer"
      form={form}
      onClose={props.onClose}
      onSubmit={submit}
    >
      <Typography variant="body2">
        Owned by {props.agent.ownerRef}. The new owner becomes accountable once
        a member accepts the transfer.
      </Typography>
      {groups.error && (
        <Alert severity="error">
          Could not load the catalog’s groups: {readableError(groups.error)}
        </Alert>
      )}
      <Autocomplete
        options={groups.value ?? []}
        loading={groups.loading}
        value={newOwner}
        onChange={(_, option) => setNewOwner(option)}
        getOptionLabel={option => option.label}
        isOptionEqualToValue={(a, b) => a.ref === b.ref}
        renderInput={params => (
          <TextField
            {...params}
            label="New owner"
            required
            error={form.attempted && !!problem}
            helperText={
              form.attempted && problem ? problem : 'A group from the catalog'
            }
          />
        )}
      />
    </RequestDialog>
  );
}
