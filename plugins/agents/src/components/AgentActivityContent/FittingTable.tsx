import Table from '@mui/material/Table';
import TableContainer from '@mui/material/TableContainer';
import { ReactNode } from 'react';

/**
 * A table of the Activity tab that keeps its columns readable: no cell wraps (headers,
 * figures and names stay on one line), and a table wider than its card scrolls inside the
 * card instead of squeezing its columns or widening the page.
 */
export function FittingTable({
  label,
  children,
}: {
  label: string;
  children: ReactNode;
}) {
  return (
    <TableContainer sx={{ overflowX: 'auto' }}>
      <Table
        size="small"
        aria-label={label}
        sx={{
          '& th, & td': { whiteSpace: 'nowrap' },
          fontVariantNumeric: 'tabular-nums',
        }}
      >
        {children}
      </Table>
    </TableContainer>
  );
}
