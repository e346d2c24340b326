// The days the telemetry sample spans, and how it writes an instant.

/** The start of the last day of the sample. */
export const ANCHOR = Date.UTC(2026, 10, 21);
export const DAYS = 35;
export const DAY = 86_400_000;

export const iso = ms => new Date(ms).toISOString();
