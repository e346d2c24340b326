import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ScopeReview } from '@mandate/plugin-agents-common';
import { useState } from 'react';

type Decision = 'keep' | 'revoke';
export const MIN_ATTESTATION = 10;

export interface ReviewFormProps {
  review: ScopeReview;
  canSubmit: boolean;
  onSubmit(submission: {
    decisions: Array<{ tool: string; decision: Decision }>;
    attestation: string;
  }): Promise<void>;
}

/**
 * The owner's quarterly review: per tool its access, data classes and real usage, a
 * recommendation, and a keep/revoke choice; then an attestation.
 */
export function ReviewForm({ review, canSubmit, onSubmit }: ReviewFormProps) {
  const tools = review.tools ?? [];
  const [decisions, setDecisions] = useState<Record<string, Decision>>(() =>
    Object.fromEntries(tools.map(t => [t.tool, t.recommendation])),
  );
  const [attestation, setAttestation] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();

  const attestationShort = attestation.trim().length < MIN_ATTESTATION;
  const revoking = tools
    .filter(t => decisions[t.tool] === 'revoke')
    .map(t => t.tool);
  const usageKnown = tools.every(t => t.usageKnown);

  const submit = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      await onSubmit({
        decisions: tools.map(t => ({
          tool: t.tool,
          decision: decisions[t.tool],
        })),
        attestation: attestation.trim(),
      });
    } catch (e) {
      setError((e as Error).message);
      setSubmitting(false);
    }
  };

  return (
    <Stack spacing={2}>
      <Typography variant="body2">
        Period {review.periodStart.slice(0, 10)} to{' '}
        {review.periodEnd.slice(0, 10)}; due {review.dueAt.slice(0, 10)}.
        {!usageKnown &&
          ' No enforcement layer reports usage, so every tool is recommended to keep: check usage with the team.'}
      </Typography>
      <Table size="small" aria-label="Tools under review">
        <TableHead>
          <TableRow>
            <TableCell>Tool</TableCell>
            <TableCell>Access</TableCell>
            <TableCell>Data classes</TableCell>
            <TableCell align="right">Calls</TableCell>
            <TableCell align="right">Denials</TableCell>
            <TableCell>Last used</TableCell>
            <TableCell align="right">Grants</TableCell>
            <TableCell>Recommendation</TableCell>
            <TableCell>Decision</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {tools.map(tool => (
            <TableRow key={tool.tool}>
              <TableCell>
                <code>{tool.tool}</code>
              </TableCell>
              <TableCell>{tool.access}</TableCell>
              <TableCell>{tool.dataClasses.join(', ') || '—'}</TableCell>
              <TableCell align="right">
                {tool.usageKnown ? tool.calls : '?'}
              </TableCell>
              <TableCell align="right">
                {tool.usageKnown ? tool.denials : '?'}
              </TableCell>
              <TableCell>
                {tool.lastUsedAt?.slice(0, 10) ??
                  (tool.usageKnown ? 'never' : '?')}
              </TableCell>
              <TableCell align="right">
                {tool.usageKnown ? tool.grantsIssued : '?'}
              </TableCell>
              <TableCell>
                <Chip
                  size="small"
                  label={
                    tool.recommendation === 'revoke' ? 'revoke: unused' : 'keep'
                  }
                  color={
                    tool.recommendation === 'revoke' ? 'warning' : 'default'
                  }
                />
              </TableCell>
              <TableCell>
                <RadioGroup
                  row
                  aria-label={`Decision for ${tool.tool}`}
                  value={decisions[tool.tool]}
                  onChange={e =>
                    setDecisions({
                      ...decisions,
                      [tool.tool]: e.target.value as Decision,
                    })
                  }
                >
                  <FormControlLabel
                    value="keep"
                    control={<Radio size="small" />}
                    label="Keep"
                  />
                  <FormControlLabel
                    value="revoke"
                    control={<Radio size="small" />}
                    label="Revoke"
                  />
                </RadioGroup>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <TextField
        label="Attestation"
        multiline
        minRows={2}
        value={attestation}
        onChange={e => setAttestation(e.target.value)}
        error={attestation.length > 0 && attestationShort}
        helperText={
          attestationShort
            ? `Say what you checked, at least ${MIN_ATTESTATION} characters`
            : 'Recorded with your name in the audit trail'
        }
        disabled={!canSubmit}
      />
      {error && <Alert severity="error">{error}</Alert>}
      <Stack direction="row" spacing={2} alignItems="center">
        <Button
          variant="contained"
          onClick={submit}
          disabled={!canSubmit || attestationShort || submitting}
        >
          Submit review
        </Button>
        <Typography variant="body2" color="text.secondary">
          {revoking.length > 0
            ? `Revokes ${revoking.join(', ')} at once.`
            : 'Keeps every tool.'}
          {!canSubmit &&
            ' Only the owners of this agent and security can submit its review.'}
        </Typography>
      </Stack>
    </Stack>
  );
}
