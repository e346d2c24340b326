import Chip from '@mui/material/Chip';

/** Green from 80, amber from 50, red below. */
export function maturityColor(score: number): 'success' | 'warning' | 'error' {
  if (score >= 80) return 'success';
  if (score >= 50) return 'warning';
  return 'error';
}

/** An agent's maturity score (0–100) as a coloured chip, or a note when not evaluated. */
export function MaturityScoreChip({ score }: { score?: number }) {
  if (score === undefined || score === null) {
    return <Chip size="small" variant="outlined" label="not evaluated" />;
  }
  return (
    <Chip
      size="small"
      color={maturityColor(score)}
      label={score}
      title={`Maturity score ${score} of 100`}
    />
  );
}
