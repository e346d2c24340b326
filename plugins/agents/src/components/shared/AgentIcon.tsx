import SvgIcon, { SvgIconProps } from '@mui/material/SvgIcon';

/** A small robot head: the icon of Mandate's pages. */
export function AgentIcon(props: SvgIconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M11 2h2v3h4a3 3 0 0 1 3 3v9a3 3 0 0 1-3 3H7a3 3 0 0 1-3-3V8a3 3 0 0 1 3-3h4V2zm-2 8.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm6 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zM9 16v1.5h6V16H9zM1 10h2v5H1v-5zm20 0h2v5h-2v-5z" />
    </SvgIcon>
  );
}
