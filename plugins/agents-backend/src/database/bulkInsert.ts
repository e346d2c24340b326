import { Knex } from 'knex';
import { jsonText } from './json';

/** A column of a bulk insert, with its PostgreSQL type (the JSON text is cast to it). */
export interface BulkColumn {
  name: string;
  type: 'text' | 'bigint' | 'integer' | 'double precision' | 'boolean';
}

export interface BulkInsertOptions {
  /** The unique columns a row may collide on. */
  conflict?: string[];
  /**
   * On a collision, these columns take these SQL expressions (which may read the stored row
   * by the table's name and the new one as `excluded`); without it a collision is ignored.
   */
  merge?: Record<string, string>;
  /** A column whose value is returned for each row actually inserted. */
  returning?: string;
}

/** A text column. */
export const textColumn = (name: string): BulkColumn => ({
  name,
  type: 'text',
});

type Row = Array<string | number | boolean | null>;

const statements = new WeakMap<object, Map<string, any>>();

function conflictClause(options: BulkInsertOptions) {
  if (!options.conflict) return '';
  const target = `on conflict (${options.conflict.join(', ')})`;
  if (!options.merge) return ` ${target} do nothing`;
  const sets = Object.entries(options.merge)
    .map(([column, expression]) => `${column} = ${expression}`)
    .join(', ');
  return ` ${target} do update set ${sets}`;
}

/**
 * Inserts many rows in one round trip where the database allows it: on PostgreSQL one
 * statement over the rows sent as one JSON array of arrays (one parameter however many
 * rows: the driver writes JS arrays as array literals element by element, several times
 * slower than JSON.stringify, and PostgreSQL parses the JSON on its own core); on SQLite a
 * prepared single-row statement run for each row on the transaction's connection (SQLite runs in process; preparing one statement with thousands of parameters
 * costs more than running a prepared one many times). Returns the `returning` values of the
 * rows inserted. Table and column names are the caller's constants, never input.
 */
export async function bulkInsert(
  trx: Knex.Transaction,
  table: string,
  columns: BulkColumn[],
  rows: Row[],
  options: BulkInsertOptions = {},
): Promise<Array<string | number>> {
  if (rows.length === 0) return [];
  const names = columns.map(c => c.name).join(', ');
  const tail =
    conflictClause(options) +
    (options.returning ? ` returning ${options.returning}` : '');
  const client = trx.client.config.client;

  if (client === 'pg') {
    const fields = columns.map((c, i) => `(row->>${i})::${c.type}`).join(', ');
    const result = await trx.raw(
      `insert into ${table} (${names}) select ${fields} from jsonb_array_elements(?::jsonb) as row${tail}`,
      [jsonText(rows)],
    );
    return options.returning
      ? result.rows.map((r: any) => r[options.returning!])
      : [];
  }

  if (client === 'better-sqlite3') {
    // Inside a transaction knex hands out the transaction's own connection.
    const connection = await (trx.client as any).acquireConnection();
    const sql = `insert into ${table} (${names}) values (${columns
      .map(() => '?')
      .join(', ')})${tail}`;
    let cache = statements.get(connection);
    if (!cache) statements.set(connection, (cache = new Map()));
    let statement = cache.get(sql);
    if (!statement) cache.set(sql, (statement = connection.prepare(sql)));
    const sqliteRow = (row: Row) =>
      row.map(v => (typeof v === 'boolean' ? Number(v) : v));
    const inserted: Array<string | number> = [];
    for (const row of rows) {
      if (options.returning) {
        const hit = statement.get(sqliteRow(row));
        if (hit) inserted.push(hit[options.returning]);
      } else {
        statement.run(sqliteRow(row));
      }
    }
    return inserted;
  }

  // Other databases: knex's own multi-row insert, in chunks.
  const inserted: Array<string | number> = [];
  for (let i = 0; i < rows.length; i += 500) {
    const result: any = await trx.raw(
      `insert into ${table} (${names}) values ${rows
        .slice(i, i + 500)
        .map(row => `(${row.map(() => '?').join(', ')})`)
        .join(', ')}${tail}`,
      rows.slice(i, i + 500).flat(),
    );
    if (options.returning) {
      inserted.push(
        ...(result.rows ?? result).map((r: any) => r[options.returning!]),
      );
    }
  }
  return inserted;
}

/**
 * Orders rows by their first `n` values (their conflict key), so that concurrent upserts
 * take row locks in the same order and cannot deadlock.
 */
export const byColumns =
  (n: number) =>
  (a: unknown[], b: unknown[]): number => {
    for (let i = 0; i < n; i++) {
      if (a[i] !== b[i]) return String(a[i]) < String(b[i]) ? -1 : 1;
    }
    return 0;
  };
