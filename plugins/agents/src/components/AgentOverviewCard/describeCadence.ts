import {
  DEFAULT_REVIEW_CADENCE,
  parseReviewCadence,
} from '@mandate/plugin-agents-common';

/** "P3M" becomes "every 3 months (P3M)"; the default is marked as such. */
export function describeCadence(cadence: string | undefined): string {
  const value = cadence ?? DEFAULT_REVIEW_CADENCE;
  const units = parseReviewCadence(value).toObject();
  const words = Object.entries(units)
    .filter(([, amount]) => amount)
    .map(
      ([unit, amount]) =>
        `${amount} ${amount === 1 ? unit.replace(/s$/, '') : unit}`,
    )
    .join(' ');
  return `every ${words} (${value}${cadence ? '' : ', default'})`;
}
