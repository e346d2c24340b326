import {
  AGENT_STATES,
  ListAgentsQuery,
  MODEL_TIERS,
  ReviewStatus,
  TOOL_ACCESS_LEVELS,
} from '@mandate/plugin-agents-common';
import { SEVERITIES } from '../shared/findings';

export type SortKey = NonNullable<ListAgentsQuery['orderBy']>;

/** The columns the estate table sorts by. */
export const SORT_KEYS: SortKey[] = [
  'name',
  'state',
  'reviewDueAt',
  'maturityScore',
  'lastActivityAt',
  'openFindings',
];
export const REVIEW_STATUSES: ReviewStatus[] = [
  'overdue',
  'due',
  'not-due',
  'none',
];
export const MATURITY_THRESHOLDS = [50, 70, 80, 90, 100];
export const ROWS_PER_PAGE_OPTIONS = [25, 50, 100];

/** What the estate view shows: its filters, sort and page (counted from 0). */
export type EstateView = Pick<
  ListAgentsQuery,
  | 'q'
  | 'state'
  | 'reviewStatus'
  | 'modelTier'
  | 'highestAccess'
  | 'dataClass'
  | 'findingSeverity'
  | 'maturityBelow'
> & {
  orderBy: SortKey;
  order: 'asc' | 'desc';
  page: number;
  rowsPerPage: number;
};

/** The filters chosen from a select; the search box sets `q`. */
export type EstateFilter = Exclude<
  keyof EstateView,
  'q' | 'orderBy' | 'order' | 'page' | 'rowsPerPage'
>;

export const DEFAULT_VIEW: EstateView = {
  orderBy: 'name',
  order: 'asc',
  page: 0,
  rowsPerPage: 25,
};

const oneOf =
  <T extends string | number>(values: readonly T[]) =>
  (raw: string): T | undefined =>
    values.find(v => String(v) === raw);

/** Trimmed text the backend accepts: not empty, at most `maxLength` characters. */
const text = (maxLength: number) => (raw: string) => {
  const trimmed = raw.trim();
  return trimmed && trimmed.length <= maxLength ? trimmed : undefined;
};

/**
 * How each value of the view is read from its URL search param, which has the same name;
 * undefined when the param is malformed or unknown, so the view keeps its default.
 */
const PARSERS: {
  [K in keyof EstateView]-?: (raw: string) => EstateView[K] | undefined;
} = {
  q: text(200),
  state: oneOf(AGENT_STATES),
  reviewStatus: oneOf(REVIEW_STATUSES),
  modelTier: oneOf(MODEL_TIERS),
  highestAccess: oneOf(TOOL_ACCESS_LEVELS),
  dataClass: text(100),
  findingSeverity: oneOf(SEVERITIES),
  maturityBelow: oneOf(MATURITY_THRESHOLDS),
  orderBy: oneOf(SORT_KEYS),
  order: oneOf(['asc', 'desc'] as const),
  page: raw => (/^\d{1,6}$/.test(raw) ? Number(raw) : undefined),
  rowsPerPage: oneOf(ROWS_PER_PAGE_OPTIONS),
};
const KEYS = Object.keys(PARSERS) as Array<keyof EstateView>;

/** The value of `key` that `raw` stands for, or undefined when it is not a valid one. */
export function parseParam<K extends keyof EstateView>(
  key: K,
  raw: string,
): EstateView[K] | undefined {
  // TypeScript does not narrow PARSERS[key] by K: the cast says what the table holds.
  return PARSERS[key](raw) as EstateView[K] | undefined;
}

/** The view the URL's search params describe; what is missing or invalid is the default. */
export function readEstateView(params: URLSearchParams): EstateView {
  const view: Partial<Record<keyof EstateView, unknown>> = { ...DEFAULT_VIEW };
  for (const key of KEYS) {
    const raw = params.get(key);
    const value = raw === null ? undefined : parseParam(key, raw);
    if (value !== undefined) view[key] = value;
  }
  return view as EstateView;
}

/** `params` showing `view`: defaults are left out, params of others kept. */
export function writeEstateView(
  view: EstateView,
  params: URLSearchParams,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of KEYS) {
    const value = view[key];
    if (value === undefined || value === DEFAULT_VIEW[key]) next.delete(key);
    else next.set(key, String(value));
  }
  return next;
}

/** The backend query for the page of the estate that `view` shows. */
export function toListQuery({
  page,
  rowsPerPage,
  ...filtersAndSort
}: EstateView): ListAgentsQuery {
  return { ...filtersAndSort, limit: rowsPerPage, offset: page * rowsPerPage };
}
