import Alert from '@mui/material/Alert';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  EXPANDING_CHANGES,
  ScopeChange,
  isExpansion,
} from '@mandate/plugin-agents-common';
import { describeChange } from './scopeDraft';

/**
 * What the scope change will do, and whether it applies at once (it only narrows the
 * scope) or waits for security (it widens it).
 */
export function ScopeDiffPreview(props: {
  changes: ScopeChange[];
  /** Say so as an error: the person tried to file an unchanged scope. */
  emptyIsError: boolean;
}) {
  const { changes } = props;
  if (changes.length === 0) {
    return (
      <Typography
        variant="body2"
        color={props.emptyIsError ? 'error' : 'text.secondary'}
      >
        {props.emptyIsError
          ? 'Nothing to file: this is the approved scope. Change a tool or a data class first.'
          : 'No changes yet.'}
      </Typography>
    );
  }
  const expands = isExpansion(changes);
  return (
    <Stack spacing={1}>
      <Alert severity={expands ? 'warning' : 'success'}>
        {expands
          ? 'Needs security approval: this widens the scope. The approved scope stays in force until security decides.'
          : 'Applies at once: this only narrows the scope.'}
      </Alert>
      <List dense aria-label="Changes" disablePadding>
        {changes.map(change => (
          <ListItem key={JSON.stringify(change)} disableGutters>
            <ListItemText
              primary={describeChange(change)}
              secondary={
                EXPANDING_CHANGES.includes(change.kind)
                  ? 'widens: needs approval'
                  : 'narrows'
              }
            />
          </ListItem>
        ))}
      </List>
    </Stack>
  );
}
