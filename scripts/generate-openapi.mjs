// Generates everything the governance API's OpenAPI document types, from the document:
// - the backend's `as const` copy, which its router is typed from (ApiRouter of
//   @backstage/backend-openapi-utils), validates with and serves;
// - the TypeScript types of its paths, operations and schemas (openapi-typescript), which
//   @mandate/plugin-agents-common's API types and AgentsClient are built on.
// Usage: yarn generate:openapi (at the root or in plugins/agents-backend). CI runs it and
// fails when the committed files differ.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = 'plugins/agents-backend/src/schema/openapi.yaml';
const serverSpec = 'plugins/agents-backend/src/schema/openapi.generated.ts';
const clientTypes =
  'plugins/agents-common/src/schema/openapi/generated/index.ts';

const header = `// THIS FILE IS GENERATED from ${source} by scripts/generate-openapi.mjs; do not edit.
// Change the document, then run \`yarn generate:openapi\`.
/* eslint-disable */
`;

async function write(file, text) {
  const path = join(root, file);
  const options = await prettier.resolveConfig(path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, prettier.format(text, { ...options, filepath: path }));
  console.log(`${relative(process.cwd(), path)} written`);
}

const document = parse(readFileSync(join(root, source), 'utf8'));

const json = JSON.stringify(document, null, 2);
await write(serverSpec, `${header}export const spec = ${json} as const;\n`);

// The types are part of agents-common's public API, whose report API Extractor writes: it
// wants a release tag on every export and knows neither @description nor @enum.
const types = astToString(await openapiTS(document))
  .replace(/^export (interface|type) /gm, '/** @public */\nexport $1 ')
  .replace(/^\s*(\/\*\*|\*) @enum \{\w+\}( \*\/)?\n/gm, '')
  .replace(/@description /g, '');
await write(clientTypes, header + types);
