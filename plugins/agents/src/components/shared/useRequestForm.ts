import { useState } from 'react';
import { readableError } from './readableError';

/** The backend refuses reasons shorter than this. */
export const MIN_REASON_LENGTH = 3;

/** Why a reason cannot be filed, or undefined when it can. */
export function reasonProblem(reason: string): string | undefined {
  return reason.trim().length < MIN_REASON_LENGTH
    ? `Give a reason of at least ${MIN_REASON_LENGTH} characters; it is recorded in the audit trail.`
    : undefined;
}

/** State every request form shares: the reason, validation, the pending call and its error. */
export type RequestForm = ReturnType<typeof useRequestForm>;

export function useRequestForm() {
  const [reason, setReason] = useState('');
  // Field messages appear only after the first attempt, not while the person types.
  const [attempted, setAttempted] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const reasonError = reasonProblem(reason);

  /**
   * Files the request when the reason and the form's own fields (`fieldsValid`) are valid.
   * Resolves to the call's result, or undefined when nothing was filed or the call failed.
   */
  async function submit<T>(
    fieldsValid: boolean,
    file: (reason: string) => Promise<T>,
  ): Promise<T | undefined> {
    setAttempted(true);
    setError(undefined);
    if (!fieldsValid || reasonError) return undefined;
    setPending(true);
    try {
      return await file(reason.trim());
    } catch (e) {
      setError(readableError(e));
      return undefined;
    } finally {
      setPending(false);
    }
  }

  function reset() {
    setReason('');
    setAttempted(false);
    setError(undefined);
  }

  return {
    reason,
    setReason,
    reasonError,
    attempted,
    pending,
    error,
    submit,
    reset,
  };
}
