#!/usr/bin/env node
// Replays the telemetry sample, shifted so that it ends today, to an OTLP/HTTP receiver as
// JSON (POST <url>/v1/traces), the way a gateway or an OpenTelemetry Collector would export it.
// Usage: examples/telemetry/README.md.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { exportRequest, sampleSpans } from './telemetry-sample/otlp.mjs';
import { readSample } from './telemetry-sample/read.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = `Usage: yarn telemetry:replay --token <token> [options]
  --url <url>      OTLP/HTTP base URL; spans go to <url>/v1/traces
                   (default http://localhost:7007/api/agents/otlp)
  --token <token>  sent as Authorization: Bearer <token> (a static external-access token)
  --sample <file>  default examples/telemetry/demo-estate.jsonl.gz
  --batch <n>      spans per request (default 500)
  --now <iso>      replay as if it were this moment (default: now)
  --dry-run        print what would be sent, send nothing`;

function options() {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://localhost:7007/api/agents/otlp' },
      token: { type: 'string' },
      sample: {
        type: 'string',
        default: path.join(ROOT, 'examples/telemetry/demo-estate.jsonl.gz'),
      },
      batch: { type: 'string', default: '500' },
      now: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const batch = Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1) {
    throw new Error(
      `--batch must be a whole number of 1 or more, not "${values.batch}"`,
    );
  }
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) {
    throw new Error(
      `--now must be an ISO timestamp such as 2026-11-21T12:00:00Z, not "${values.now}"`,
    );
  }
  if (!values.token && !values['dry-run']) {
    throw new Error(
      `--token is required: the receiver accepts service credentials only.\n${USAGE}`,
    );
  }
  return { ...values, batch, now, url: values.url.replace(/\/+$/, '') };
}

async function send(url, token, spans) {
  const response = await fetch(`${url}/v1/traces`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${token}`,
    },
    body: JSON.stringify(exportRequest(spans)),
  }).catch(error => {
    throw new Error(
      `POST ${url}/v1/traces failed: ${
        error.cause?.code ?? error.message
      }; is the backend running (yarn start)?`,
    );
  });
  const text = await response.text();
  if (!response.ok) {
    const hint =
      response.status === 401 || response.status === 403
        ? ' (check --token against backend.auth.externalAccess)'
        : response.status === 404
        ? ' (check --url: the receiver listens on <backend>/api/agents/otlp)'
        : '';
    throw new Error(
      `POST ${url}/v1/traces answered HTTP ${
        response.status
      }${hint}: ${text.slice(0, 300)}`,
    );
  }
  const partial = text ? JSON.parse(text).partialSuccess : undefined;
  return partial?.rejectedSpans ? partial : undefined;
}

async function main() {
  const opts = options();
  const sample = readSample(opts.sample, opts.now);
  // Salted with the day the sample lands on: replaying twice on one day is counted once.
  const spans = sampleSpans(sample, `shift:${sample.shiftDays}`);
  const summary = `${spans.length} spans (${sample.events.length} events, ${
    sample.grants.length
  } grants) from ${path.relative(process.cwd(), opts.sample)}, shifted by ${
    sample.shiftDays
  } days`;
  if (opts['dry-run']) {
    console.log(
      `Would send ${summary} to ${opts.url}/v1/traces in ${Math.ceil(
        spans.length / opts.batch,
      )} requests; the first span:`,
    );
    console.log(JSON.stringify(spans[0], null, 2));
    return;
  }
  let rejected = 0;
  for (let i = 0; i < spans.length; i += opts.batch) {
    const partial = await send(
      opts.url,
      opts.token,
      spans.slice(i, i + opts.batch),
    );
    const sent = Math.min(i + opts.batch, spans.length);
    if (partial) {
      rejected += Number(partial.rejectedSpans);
      console.warn(
        `\nThe receiver rejected ${partial.rejectedSpans} of spans ${
          i + 1
        }-${sent}: ${partial.errorMessage}`,
      );
    }
    if (process.stdout.isTTY) {
      process.stdout.write(`\rSent ${sent} of ${spans.length} spans`);
    }
  }
  console.log(
    `\nReplayed ${summary} to ${opts.url}/v1/traces; ${rejected} rejected.`,
  );
}

main().catch(error => {
  console.error(`replay-telemetry: ${error.message}`);
  process.exit(1);
});
