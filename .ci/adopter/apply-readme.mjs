// Applies README.md's "Add Mandate to an existing Backstage app" to a fresh app, as written:
// each fenced block there whose first line names a file is applied to that file.
//   node apply-readme.mjs <README.md> <app dir> <phase>
// phase "install": prints the README's `yarn ... add` commands (one a line) with `@^0.1.0`
// after each Mandate package, as the README says to do before the first npm release.
// phase "configure": edits packages/backend/src/index.ts (adds the README's backend.add lines
// and removes the one it replaces), writes packages/backend/src/permissionPolicy.ts, and merges
// the YAML blocks into app-config.yaml and app-config.local.yaml (arrays are appended).
// Blocks for files the template does not have (the legacy frontend's App.tsx, Root.tsx) are
// listed as skipped; the frontend bundle build checks the new frontend system instead.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [readmePath, appDir, phase] = process.argv.slice(2);
const readme = fs.readFileSync(readmePath, 'utf8');
const heading = '## Add Mandate to an existing Backstage app';
const start = readme.indexOf(heading);
if (start < 0) throw new Error(`README.md has no "${heading}"`);
const end = readme.indexOf('\n## ', start + heading.length);
const section = readme.slice(start, end < 0 ? undefined : end);

const blocks = [...section.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map(m => ({
  lang: m[1],
  body: m[2],
}));
const named = blocks
  .map(b => {
    const first = b.body.split('\n')[0];
    const m = first.match(/^(?:\/\/|#) ((?:packages\/|app-config)[\w./-]+)/);
    return m && { ...b, file: m[1] };
  })
  .filter(Boolean);
const fail = message => {
  console.error(`apply-readme: ${message}`);
  process.exit(1);
};

if (phase === 'install') {
  const sh = blocks.find(b => b.lang === 'sh' && /yarn .*add/.test(b.body));
  if (!sh) fail('no ```sh block with the yarn add commands');
  const commands = sh.body
    .replace(/\\\n\s*/g, '')
    .trim()
    .split('\n');
  for (const command of commands) {
    console.log(command.replace(/(@mandate\/[\w-]+)/g, '$1@^0.1.0'));
  }
  process.exit(0);
}
if (phase !== 'configure') fail(`unknown phase ${phase}`);

const require = createRequire(path.join(appDir, 'package.json'));
const YAML = require('yaml');
const merge = (base, add) => {
  if (Array.isArray(base) && Array.isArray(add)) return [...base, ...add];
  if (
    base &&
    add &&
    typeof base === 'object' &&
    typeof add === 'object' &&
    !Array.isArray(base) &&
    !Array.isArray(add)
  ) {
    const out = { ...base };
    for (const [k, v] of Object.entries(add))
      out[k] = k in out ? merge(out[k], v) : v;
    return out;
  }
  return add;
};

const wanted = [
  'packages/backend/src/index.ts',
  'packages/backend/src/permissionPolicy.ts',
  'app-config.yaml',
  'app-config.local.yaml',
];
for (const file of wanted) {
  if (!named.some(b => b.file === file)) fail(`no block for ${file}`);
}
for (const block of named) {
  const target = path.join(appDir, block.file);
  if (block.file === 'packages/backend/src/index.ts') {
    let index = fs.readFileSync(target, 'utf8');
    for (const line of block.body.split('\n')) {
      const replaced = line.match(
        /^\/\/ instead of backend\.add\(import\('([^']+)'\)\);/,
      );
      if (replaced) {
        const statement = new RegExp(
          `backend\\.add\\(\\s*import\\('${replaced[1]}'\\),?\\s*\\);\\n`,
        );
        if (!statement.test(index))
          fail(`index.ts has no backend.add of ${replaced[1]}`);
        index = index.replace(statement, '');
      } else if (line.startsWith('backend.add(')) {
        index = index.replace(
          '\nbackend.start();',
          `${line}\n\nbackend.start();`,
        );
      }
    }
    fs.writeFileSync(target, index);
  } else if (block.file.endsWith('.ts')) {
    fs.writeFileSync(target, block.body);
  } else if (block.file.startsWith('app-config')) {
    const before = fs.existsSync(target)
      ? YAML.parse(fs.readFileSync(target, 'utf8')) ?? {}
      : {};
    fs.writeFileSync(
      target,
      YAML.stringify(merge(before, YAML.parse(block.body))),
    );
  } else {
    console.log(
      `apply-readme: skipped ${block.file} (not in the template's app)`,
    );
    continue;
  }
  console.log(`apply-readme: applied the README's ${block.file}`);
}
