import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { ReactNode } from 'react';
import { RequestForm } from './useRequestForm';

/**
 * The frame of every request dialog: the form's own fields, a required reason, the
 * backend's error, and a submit button that is disabled while the call is pending.
 */
export function RequestDialog(props: {
  open: boolean;
  title: string;
  submitLabel: string;
  /** The submit button's text while the call is pending; "Filing…" by default. */
  pendingLabel?: string;
  form: RequestForm;
  onClose(): void;
  onSubmit(): void;
  maxWidth?: 'sm' | 'md';
  children?: ReactNode;
}) {
  const { form } = props;
  const titleId = `request-dialog-${props.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')}`;
  const showReasonError = form.attempted && !!form.reasonError;
  const close = () => {
    if (!form.pending) props.onClose();
  };
  return (
    <Dialog
      open={props.open}
      onClose={close}
      aria-labelledby={titleId}
      maxWidth={props.maxWidth ?? 'sm'}
      fullWidth
    >
      <DialogTitle id={titleId}>{props.title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {props.children}
          <TextField
            label="Reason"
            required
            multiline
            minRows={2}
            value={form.reason}
            onChange={e => form.setReason(e.target.value)}
            error={showReasonError}
            helperText={
              showReasonError
                ? form.reasonError
                : 'Recorded in the audit trail with your name.'
            }
          />
          {form.error && <Alert severity="error">{form.error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={form.pending}>
          Cancel
        </Button>
        <Button
          variant="contained"
          onClick={props.onSubmit}
          disabled={form.pending}
        >
          {form.pending ? props.pendingLabel ?? 'Filing…' : props.submitLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
