import { AgentSummary } from '@mandate/plugin-agents-common';

const COLUMNS: Array<[string, (a: AgentSummary) => unknown]> = [
  ['entityRef', a => a.entityRef],
  ['title', a => a.title ?? ''],
  ['owner', a => a.ownerRef],
  ['sponsor', a => a.sponsorRef ?? ''],
  ['state', a => a.state],
  ['modelTier', a => a.modelTier ?? ''],
  ['highestAccess', a => a.highestAccess ?? ''],
  ['dataClasses', a => a.dataClasses.join(' ')],
  ['reviewStatus', a => a.reviewStatus],
  ['reviewDueAt', a => a.reviewDueAt ?? ''],
  ['reviewOverdueDays', a => a.reviewOverdueDays],
  ['openRequests', a => a.openRequests],
  ['openFindings', a => a.openFindings],
  ['criticalFindings', a => a.openFindingsBySeverity.critical],
  ['highFindings', a => a.openFindingsBySeverity.high],
  ['maturityScore', a => a.maturityScore ?? ''],
  ['lastActivityAt', a => a.lastActivityAt ?? ''],
];

/**
 * RFC 4180 quoting. A cell that begins with =, +, -, @, a tab or a carriage return is
 * prefixed with an apostrophe, so that a spreadsheet shows it instead of running it
 * (OWASP's rule against CSV injection).
 */
function cell(value: unknown): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The estate as CSV, one agent a row. */
export function agentsCsv(agents: AgentSummary[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(',')];
  for (const agent of agents) {
    lines.push(COLUMNS.map(([, read]) => cell(read(agent))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
