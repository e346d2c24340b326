/** What a tool's constraints say about one call. @public */
export type ConstraintOutcome =
  | { result: 'within' }
  | { result: 'breach'; message: string }
  | { result: 'ask'; message: string };

/**
 * Judges one constraint of a tool against a call's arguments. `value` is the constraint's
 * value in the manifest (`maxAmountUsd: 200`).
 * @public
 */
export type ConstraintCheck = (
  value: unknown,
  args: Record<string, unknown>,
) => ConstraintOutcome;

/** The amount of a call, read from the arguments payment tools commonly take. */
export function amountUsdOf(args: Record<string, unknown>): number | undefined {
  for (const key of ['amountUsd', 'amount_usd', 'amount']) {
    const value = args[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) {
      return Number(value);
    }
  }
  return undefined;
}

const amountCheck =
  (name: string, over: 'breach' | 'ask'): ConstraintCheck =>
  (limit, args) => {
    if (typeof limit !== 'number') {
      return { result: 'breach', message: `${name} is not a number` };
    }
    const amount = amountUsdOf(args);
    if (amount === undefined) {
      return {
        result: 'breach',
        message: `${name} ${limit} applies, but the call names no amount (amountUsd, amount_usd or amount)`,
      };
    }
    return amount > limit
      ? { result: over, message: `${amount} USD is above ${name} ${limit}` }
      : { result: 'within' };
  };

/** Values a call may name, such as `namespaces: [dev, staging]` for a `namespace` argument. */
const allowedValues =
  (argument: string): ConstraintCheck =>
  (allowed, args) => {
    if (!Array.isArray(allowed)) {
      return {
        result: 'breach',
        message: `the allowed ${argument}s are not a list`,
      };
    }
    const value = args[argument];
    return allowed.includes(value)
      ? { result: 'within' }
      : {
          result: 'breach',
          message: `${argument} ${JSON.stringify(
            value,
          )} is not one of ${allowed.join(', ')}`,
        };
  };

/** A row limit the call must ask for (`limit` or `maxRows`), at most the constraint's. */
const rowLimit: ConstraintCheck = (max, args) => {
  if (typeof max !== 'number') {
    return { result: 'breach', message: 'maxRowsReturned is not a number' };
  }
  const asked = [args.limit, args.maxRows].find(v => typeof v === 'number');
  if (asked === undefined) {
    return {
      result: 'breach',
      message: `maxRowsReturned ${max} applies; pass limit (at most ${max})`,
    };
  }
  return (asked as number) > max
    ? {
        result: 'breach',
        message: `limit ${asked} is above maxRowsReturned ${max}`,
      }
    : { result: 'within' };
};

/**
 * The constraints this library understands. A constraint it does not know denies the call
 * (a limit no one checks is no limit); give a check for your own in `constraintChecks`.
 * @public
 */
export const BUILT_IN_CONSTRAINTS: Record<string, ConstraintCheck> = {
  maxAmountUsd: amountCheck('maxAmountUsd', 'breach'),
  approvalAboveUsd: amountCheck('approvalAboveUsd', 'ask'),
  namespaces: allowedValues('namespace'),
  maxRowsReturned: rowLimit,
};

/** The worst outcome of a tool's constraints for one call. */
export function checkConstraints(
  constraints: Record<string, unknown>,
  args: Record<string, unknown>,
  checks: Record<string, ConstraintCheck>,
): ConstraintOutcome {
  let ask: ConstraintOutcome | undefined;
  for (const [name, value] of Object.entries(constraints).sort()) {
    const check = checks[name];
    if (!check) {
      return {
        result: 'breach',
        message: `constraint ${name} is not understood by this enforcement point, so the call is denied`,
      };
    }
    const outcome = check(value, args);
    if (outcome.result === 'breach') return outcome;
    if (outcome.result === 'ask') ask ??= outcome;
  }
  return ask ?? { result: 'within' };
}
