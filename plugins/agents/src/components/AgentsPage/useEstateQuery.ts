import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useDebounce from 'react-use/esm/useDebounce';
import {
  EstateFilter,
  EstateView,
  SortKey,
  parseParam,
  readEstateView,
  toListQuery,
  writeEstateView,
} from './estateParams';

/**
 * The estate view's filters, sort and page, kept in the URL's search params so that a
 * link shows the same view and the back button steps back through the changes. Returns
 * the view, its setters and the one backend query for it.
 */
export function useEstateQuery() {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readEstateView(params), [params]);
  const query = useMemo(() => toListQuery(view), [view]);

  const show = (changes: Partial<EstateView>, replace = false) =>
    setParams(writeEstateView({ ...view, ...changes }, params), { replace });

  // The box shows each keystroke; the URL follows once typing pauses, replacing the
  // current history entry rather than adding one per pause.
  const [search, setSearch] = useState(view.q ?? '');
  useDebounce(
    () => {
      const q = search.trim() || undefined;
      if (q !== view.q) show({ q, page: 0 }, true);
    },
    300,
    [search],
  );
  // Back and forward change q under the box.
  useEffect(() => {
    setSearch(typed =>
      typed.trim() === (view.q ?? '') ? typed : view.q ?? '',
    );
  }, [view.q]);

  return {
    view,
    query,
    search,
    setSearch,
    /** Sets a filter from its select's value; '' means any. Back to the first page. */
    setFilter: (key: EstateFilter, raw: string) =>
      show({ [key]: parseParam(key, raw), page: 0 }),
    /** Sorts by `key`, ascending first and descending on a second click. */
    sortBy: (key: SortKey) =>
      show({
        orderBy: key,
        order: view.orderBy === key && view.order === 'asc' ? 'desc' : 'asc',
        page: 0,
      }),
    setPage: (page: number) => show({ page }),
    setRowsPerPage: (rowsPerPage: number) => show({ rowsPerPage, page: 0 }),
  };
}
