#!/usr/bin/env node
// Writes examples/telemetry/demo-estate.jsonl.gz: 35 days of enforcement-layer telemetry and
// grants for the example agents, deterministic (seeded, no clock). The stories and anomalies
// are in scripts/telemetry-sample/estate.mjs; the format is in examples/telemetry/README.md.
// The steps are in scripts/telemetry-sample/: actors.mjs reads the example estate,
// generator.mjs runs the stories (random.mjs, taskScope.mjs, prices.mjs, period.mjs),
// checks.mjs holds the sample to the demo's story, sampleFile.mjs writes it.
//
//   yarn telemetry:sample            (node scripts/generate-telemetry-sample.mjs [out.jsonl.gz])

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { actorsOf, readEstate } from './telemetry-sample/actors.mjs';
import { check } from './telemetry-sample/checks.mjs';
import { Generator } from './telemetry-sample/generator.mjs';
import { DAYS } from './telemetry-sample/period.mjs';
import { writeSample } from './telemetry-sample/sampleFile.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The largest sample it writes; a larger one fails the run, lower the volumes then. */
const MAX_FILE_BYTES = 1_500_000;

function main() {
  const out = path.resolve(
    process.argv[2] ??
      path.join(ROOT, 'examples/telemetry/demo-estate.jsonl.gz'),
  );
  const actors = actorsOf(readEstate(ROOT));
  const generator = new Generator();
  for (const actor of actors) generator.run(actor);

  const { problems, rows } = check(actors, generator.events);
  console.log(rows.join('\n'));
  if (problems.length) {
    throw new Error(
      `The sample breaks the demo story:\n  ${problems.join(
        '\n  ',
      )}\nAdjust scripts/telemetry-sample/estate.mjs.`,
    );
  }

  const { header, bytes } = writeSample(out, generator);
  console.log(
    `Wrote ${path.relative(process.cwd(), out)}: ${header.events} events, ${
      header.grants
    } grants, ${actors.length} agents, ${DAYS} days, ${bytes} bytes`,
  );
  if (bytes > MAX_FILE_BYTES) {
    throw new Error(
      `The sample is ${bytes} bytes, more than ${MAX_FILE_BYTES}; lower the volumes in scripts/telemetry-sample/estate.mjs`,
    );
  }
}

main();
