/**
 * A failed call as a sentence a person can act on. AgentsClient already puts the backend's
 * explanation (which names the field or rule) in the message; this covers the rest.
 */
export function readableError(error: unknown): string {
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) {
    return `Could not reach the Mandate backend (${error.message}); check your connection and try again.`;
  }
  if (error instanceof Error && error.message) return error.message;
  return `Something went wrong: ${String(error)}`;
}
