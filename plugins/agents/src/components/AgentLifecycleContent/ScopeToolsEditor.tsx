import Autocomplete from '@mui/material/Autocomplete';
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
  AgentScope,
  TOOL_ACCESS_LEVELS,
  TOOL_APPROVALS,
  ToolAccess,
  ToolApproval,
} from '@mandate/plugin-agents-common';
import { useState } from 'react';
import {
  ScopeProblems,
  addTool,
  newToolProblem,
  removeTool,
  updateTool,
} from './scopeDraft';

/** A compact native select: accessible by its label and quick to use in a table row. */
function Choice<T extends string>(props: {
  label: string;
  value: T;
  options: readonly T[];
  onChange(value: T): void;
}) {
  return (
    <TextField
      select
      size="small"
      value={props.value}
      onChange={e => props.onChange(e.target.value as T)}
      SelectProps={{ native: true }}
      inputProps={{ 'aria-label': props.label }}
    >
      {props.options.map(option => (
        <option key={option} value={option}>
          {option}
        </option>
      ))}
    </TextField>
  );
}

/** The agent's data classes: pick from the current ones or type a new one and press Enter. */
export function DataClassesField(props: {
  scope: AgentScope;
  problem?: string;
  onChange(scope: AgentScope): void;
}) {
  return (
    <Autocomplete
      multiple
      freeSolo
      options={[] as string[]}
      value={props.scope.dataClasses}
      onChange={(_, dataClasses) =>
        props.onChange({ ...props.scope, dataClasses })
      }
      renderInput={params => (
        <TextField
          {...params}
          label="Data classes the agent may reach"
          error={!!props.problem}
          helperText={
            props.problem ?? 'Type a data class such as payment and press Enter'
          }
        />
      )}
    />
  );
}

/** Adds a tool by name with an access level; refuses names the Agent kind would refuse. */
function AddToolRow(props: {
  scope: AgentScope;
  onChange(scope: AgentScope): void;
}) {
  const [name, setName] = useState('');
  const [access, setAccess] = useState<ToolAccess>('read');
  const [problem, setProblem] = useState<string>();
  const add = () => {
    const why = newToolProblem(props.scope, name);
    setProblem(why);
    if (why) return;
    props.onChange(addTool(props.scope, name, access));
    setName('');
  };
  return (
    <Stack direction="row" spacing={1} alignItems="flex-start">
      <TextField
        size="small"
        label="New tool name"
        value={name}
        onChange={e => setName(e.target.value)}
        onKeyDown={e => {
          if (e.key === 'Enter') add();
        }}
        error={!!problem}
        helperText={problem ?? 'The name the gateway reports'}
        sx={{ minWidth: 260 }}
      />
      <Choice<ToolAccess>
        label="Access of the new tool"
        value={access}
        options={TOOL_ACCESS_LEVELS}
        onChange={setAccess}
      />
      <Button variant="outlined" onClick={add}>
        Add tool
      </Button>
    </Stack>
  );
}

/** The tools of a draft scope: change access, approval and data classes; remove; add. */
export function ScopeToolsEditor(props: {
  scope: AgentScope;
  problems: ScopeProblems;
  onChange(scope: AgentScope): void;
}) {
  const { scope, problems, onChange } = props;
  return (
    <Stack spacing={1}>
      <Table size="small" aria-label="Tools">
        <TableHead>
          <TableRow>
            <TableCell>Tool</TableCell>
            <TableCell>Access</TableCell>
            <TableCell>Approval per call</TableCell>
            <TableCell>Data classes</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {scope.tools.length === 0 && (
            <TableRow>
              <TableCell colSpan={5}>
                <Typography variant="body2" color="text.secondary">
                  No tools: the agent may call nothing.
                </Typography>
              </TableCell>
            </TableRow>
          )}
          {scope.tools.map((tool, index) => {
            const problem =
              problems[`tools[${index}].name`] ??
              problems[`tools[${index}].dataClasses`] ??
              problems[`tools[${index}]`];
            return (
              <TableRow key={tool.name}>
                <TableCell>
                  <Typography variant="body2">{tool.name}</Typography>
                  {problem && (
                    <Typography variant="caption" color="error">
                      {problem}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <Choice<ToolAccess>
                    label={`Access of ${tool.name}`}
                    value={tool.access}
                    options={TOOL_ACCESS_LEVELS}
                    onChange={access =>
                      onChange(updateTool(scope, tool.name, { access }))
                    }
                  />
                </TableCell>
                <TableCell>
                  <Choice<ToolApproval>
                    label={`Approval of ${tool.name}`}
                    value={tool.approval ?? 'none'}
                    options={TOOL_APPROVALS}
                    onChange={approval =>
                      onChange(updateTool(scope, tool.name, { approval }))
                    }
                  />
                </TableCell>
                <TableCell sx={{ minWidth: 220 }}>
                  <Autocomplete
                    multiple
                    size="small"
                    // Classes the agent no longer declares stay visible, flagged above.
                    options={[
                      ...new Set([
                        ...scope.dataClasses,
                        ...(tool.dataClasses ?? []),
                      ]),
                    ]}
                    value={tool.dataClasses ?? []}
                    onChange={(_, dataClasses) =>
                      onChange(updateTool(scope, tool.name, { dataClasses }))
                    }
                    renderInput={params => (
                      <TextField
                        {...params}
                        inputProps={{
                          ...params.inputProps,
                          'aria-label': `Data classes of ${tool.name}`,
                        }}
                      />
                    )}
                  />
                </TableCell>
                <TableCell>
                  <Button
                    size="small"
                    color="error"
                    aria-label={`Remove ${tool.name}`}
                    onClick={() => onChange(removeTool(scope, tool.name))}
                  >
                    Remove
                  </Button>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <AddToolRow scope={scope} onChange={onChange} />
    </Stack>
  );
}
