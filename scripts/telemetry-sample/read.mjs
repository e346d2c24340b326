// Reads a telemetry sample (examples/telemetry/README.md) for scripts, shifted so that its
// anchor day is the UTC day of `now`, leaving out what would lie after `now`. The backend's
// reader, with full validation, is plugins/agents-backend/src/demo/telemetrySample.ts.

import fs from 'node:fs';
import zlib from 'node:zlib';

export const FORMAT = 'mandate.telemetry-sample/v1';
const DAY = 86_400_000;

export function readSample(file, now) {
  const lines = zlib
    .gunzipSync(fs.readFileSync(file))
    .toString('utf8')
    .split('\n');
  const header = JSON.parse(lines[0]);
  if (header.format !== FORMAT) {
    throw new Error(
      `${file} line 1: format must be "${FORMAT}", not ${JSON.stringify(
        header.format,
      )}; regenerate it with yarn telemetry:sample`,
    );
  }
  const nowMs = now.getTime();
  const shiftMs = nowMs - (nowMs % DAY) - Date.parse(header.anchor);
  const shift = iso => iso && new Date(Date.parse(iso) + shiftMs).toISOString();
  const events = [];
  const grants = [];
  lines.slice(1).forEach((text, index) => {
    if (!text.trim()) return;
    const line = JSON.parse(text);
    if (line.event) {
      const event = { ...line.event, startedAt: shift(line.event.startedAt) };
      if (Date.parse(event.startedAt) <= nowMs) events.push(event);
    } else if (line.grant) {
      const grant = {
        ...line.grant,
        issuedAt: shift(line.grant.issuedAt),
        expiresAt: shift(line.grant.expiresAt),
        revokedAt: shift(line.grant.revokedAt),
      };
      if (Date.parse(grant.issuedAt) > nowMs) return;
      if (grant.revokedAt && Date.parse(grant.revokedAt) > nowMs)
        delete grant.revokedAt;
      grants.push(grant);
    } else {
      throw new Error(`${file} line ${index + 2}: neither "event" nor "grant"`);
    }
  });
  return { header, shiftDays: Math.round(shiftMs / DAY), events, grants };
}
