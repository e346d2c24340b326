// Turns an OpenAPI YAML document (the source of truth) into the `as const` TypeScript
// object that @backstage/backend-openapi-utils types the router from.
// Usage: node scripts/openapi-to-ts.mjs <openapi.yaml> <openapi.generated.ts>
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [input, output] = process.argv.slice(2);
const require = createRequire(`${process.cwd()}/`);
const { parse } = require('yaml');
const spec = parse(readFileSync(input, 'utf8'));
writeFileSync(
  output,
  `// THIS FILE IS GENERATED from ${input
    .split('/')
    .pop()} by scripts/openapi-to-ts.mjs; do not edit.\n` +
    `/* eslint-disable */\nexport const spec = ${JSON.stringify(
      spec,
      null,
      2,
    )} as const;\n`,
);
