/*
 * Verifies an export of Mandate's audit trail offline, against the backend's JWKS: every
 * record's hash by its hash version, every link, the signed checkpoints, and that the
 * records reach the checkpoint the export was cut at. docs/audit.md says what it proves.
 *
 *   yarn audit:verify <export.jsonl | -> --jwks <jwks.json | https://…/api/agents/v1/certificates/jwks.json>
 *
 * Exit status: 0 when the export checks out, 1 when it does not, 2 when it cannot be read.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { verifyAuditExport } from '@mandate/plugin-agents-common';

const USAGE =
  'usage: yarn audit:verify <export.jsonl | -> --jwks <jwks.json | https URL of /v1/certificates/jwks.json>';

/** Paths are the caller's: yarn runs root scripts in the repository root. */
const path = (file: string) => resolve(process.env.INIT_CWD ?? '.', file);

function args(argv: string[]) {
  let jwks: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--jwks') jwks = argv[++i];
    else if (argv[i].startsWith('--jwks=')) jwks = argv[i].slice(7);
    else files.push(argv[i]);
  }
  if (!jwks || files.length !== 1) throw new Error(USAGE);
  return { file: files[0], jwks };
}

async function readJwks(from: string) {
  if (/^https?:\/\//.test(from)) {
    const response = await fetch(from);
    if (!response.ok) {
      throw new Error(`${from} answered ${response.status}`);
    }
    return response.json();
  }
  return JSON.parse(readFileSync(path(from), 'utf8'));
}

async function main() {
  let text: string;
  let jwks;
  try {
    const options = args(process.argv.slice(2));
    text = readFileSync(options.file === '-' ? 0 : path(options.file), 'utf8');
    jwks = await readJwks(options.jwks);
    if (!Array.isArray(jwks?.keys)) throw new Error('the JWKS has no keys');
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const result = await verifyAuditExport(text, jwks);
  const cut = result.checkpoints[result.checkpoints.length - 1];
  const whose = result.agentRef ? `${result.agentRef}'s ` : '';
  if (result.ok) {
    console.log(
      `OK: ${result.records} ${whose}records; ${result.checkpoints.length} signed checkpoint(s), the last signed at ${cut.time} by key ${cut.kid}: the trail had ${cut.seq} records`,
    );
  } else {
    console.log(`FAILED: ${result.records} ${whose}records read`);
    for (const problem of result.problems) console.log(`  - ${problem}`);
  }
  for (const limit of result.limits) console.log(`Note: ${limit}`);
  return result.ok ? 0 : 1;
}

main().then(
  code => process.exit(code),
  error => {
    console.error(error);
    process.exit(2);
  },
);
