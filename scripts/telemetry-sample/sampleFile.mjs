// The sample file (format in examples/telemetry/README.md): a header line, then every event
// and grant in time order, one JSON object a line, gzipped.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ANCHOR, DAYS, iso } from './period.mjs';
import { SEED } from './random.mjs';
import { FORMAT } from './read.mjs';

/** Drops undefined fields, so each line holds only what is set. */
function compact(record) {
  return Object.fromEntries(
    Object.entries(record).filter(([, v]) => v !== undefined),
  );
}

/** Writes the generator's events and grants to `out`; returns the header and the size. */
export function writeSample(out, generator) {
  const records = [
    ...generator.events.map(event => ({
      at: event.startedAt,
      line: { event: compact(event) },
    })),
    ...generator.grants.map(grant => ({
      at: grant.issuedAt,
      line: { grant: compact(grant) },
    })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const header = {
    format: FORMAT,
    anchor: iso(ANCHOR),
    days: DAYS,
    generator: 'scripts/generate-telemetry-sample.mjs',
    seed: SEED,
    events: generator.events.length,
    grants: generator.grants.length,
  };
  const text =
    [header, ...records.map(r => r.line)]
      .map(l => JSON.stringify(l))
      .join('\n') + '\n';
  const gz = zlib.gzipSync(text, { level: 9 });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, gz);
  return { header, bytes: gz.length };
}
