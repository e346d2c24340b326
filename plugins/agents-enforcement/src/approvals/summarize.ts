/** Argument names whose values never leave the enforcement point. */
const SECRET =
  /secret|token|password|passwd|api[-_]?key|authorization|card|iban|ssn/i;
const MAX_SUMMARY = 500;

/**
 * What an approver reads of a call's arguments: its JSON with secret-looking values
 * redacted, cut at 500 characters.
 * @public
 */
export function summarizeArguments(
  tool: string,
  args: Record<string, unknown>,
): string {
  const text = JSON.stringify(args, (key, value) =>
    key && SECRET.test(key) ? '[redacted]' : value,
  );
  const summary = `${tool} ${text}`;
  return summary.length > MAX_SUMMARY
    ? `${summary.slice(0, MAX_SUMMARY - 1)}…`
    : summary;
}
