import { StatusError, StatusOK } from '@backstage/core-components';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { AgentMaturity } from '@mandate/plugin-agents-common';
import { RelativeTime } from '../shared/RelativeTime';
import { maturityColor } from '../shared/maturity';

/** Read by screen readers, not shown: the status icons are hidden from them. */
function ScreenReaderText({ children }: { children: string }) {
  return (
    <Box
      component="span"
      sx={{
        position: 'absolute',
        width: 1,
        height: 1,
        overflow: 'hidden',
        clip: 'rect(0 0 0 0)',
        whiteSpace: 'nowrap',
      }}
    >
      {children}
    </Box>
  );
}

/** The score out of 100, how many controls pass, and when it was worked out. */
export function MaturityScore({ maturity }: { maturity: AgentMaturity }) {
  const passed = maturity.checks.filter(c => c.passed).length;
  const color = maturityColor(maturity.score);
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1} alignItems="baseline">
        <Typography variant="h3" component="span" color={`${color}.main`}>
          {maturity.score}
        </Typography>
        <Typography variant="body1" component="span">
          / 100
        </Typography>
      </Stack>
      <LinearProgress
        variant="determinate"
        value={maturity.score}
        color={color}
        aria-label="Maturity score"
      />
      <Typography variant="body2" color="text.secondary">
        {passed} of {maturity.checks.length} controls pass; evaluated{' '}
        <RelativeTime iso={maturity.evaluatedAt} />.
      </Typography>
    </Stack>
  );
}

/** Each production control, passed or not, with the evidence it was judged on. */
export function MaturityChecklist({ maturity }: { maturity: AgentMaturity }) {
  return (
    <List dense aria-label="Maturity checklist" disablePadding>
      {maturity.checks.map(check => (
        <ListItem key={check.id} disableGutters alignItems="flex-start">
          <ListItemIcon sx={{ minWidth: 28, mt: 0.75 }}>
            {check.passed ? <StatusOK /> : <StatusError />}
          </ListItemIcon>
          <ListItemText
            primary={
              <>
                {check.title}
                <ScreenReaderText>
                  {check.passed ? ': passed' : ': failed'}
                </ScreenReaderText>
              </>
            }
            secondary={check.evidence}
          />
        </ListItem>
      ))}
    </List>
  );
}
