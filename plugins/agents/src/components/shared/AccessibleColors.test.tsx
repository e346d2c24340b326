import { createTheme, ThemeProvider, useTheme } from '@mui/material/styles';
import { render, screen } from '@testing-library/react';
import { AccessibleColors, readableOn } from './AccessibleColors';

function ContrastTexts() {
  const { palette } = useTheme();
  return (
    <output>
      {(['primary', 'error', 'warning', 'info', 'success'] as const)
        .map(c => `${c}=${palette[c].contrastText}`)
        .join(' ')}
    </output>
  );
}

describe('AccessibleColors', () => {
  it('keeps white only where it reaches 4.5:1', () => {
    expect(readableOn('#d32f2f')).toBe('#fff'); // 4.98:1
    expect(readableOn('#ed6c02')).toBe('rgba(0, 0, 0, 0.87)'); // 3.11:1
    expect(readableOn('#0288d1')).toBe('rgba(0, 0, 0, 0.87)'); // 3.85:1
  });

  it("gives the app theme's colours readable text, keeping the rest of the theme", () => {
    const theme = createTheme({ spacing: 7 });
    render(
      <ThemeProvider theme={theme}>
        <AccessibleColors>
          <ContrastTexts />
        </AccessibleColors>
      </ThemeProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe(
      'primary=#fff error=#fff warning=rgba(0, 0, 0, 0.87) info=rgba(0, 0, 0, 0.87) success=#fff',
    );
  });
});
