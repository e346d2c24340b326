import { JSONWebKeySet } from 'jose';
import { AuditEvent } from '../api';
import { AuditChainWalker } from './chainWalker';
import { VerifiedAuditCheckpoint, verifyAuditCheckpoint } from './checkpoints';

/** What the offline verifier found in an export of the audit trail. @public */
export type AuditExportVerification = {
  /** True when every record and checkpoint checked out and none is missing. */
  ok: boolean;
  /** Records read. */
  records: number;
  /** The agent of a per-agent export; absent for the whole trail. */
  agentRef?: string;
  /** Checkpoints whose signatures verified, oldest first; the last is the export's cut. */
  checkpoints: VerifiedAuditCheckpoint[];
  /** What is wrong, the most telling first; empty when `ok`. */
  problems: string[];
  /** What this export cannot prove even when `ok` (a per-agent export's limits). */
  limits: string[];
};

/** The members an export's record line may have. */
const RECORD_MEMBERS = new Set([
  'seq',
  'id',
  'agentRef',
  'actorRef',
  'action',
  'occurredAt',
  'data',
  'prevHash',
  'hash',
  'hashVersion',
]);

const isString = (v: unknown) => typeof v === 'string';

/** Why a parsed line is not an audit record, or undefined when it is one. */
function notARecord(line: any): string | undefined {
  if (!line || typeof line !== 'object' || Array.isArray(line)) {
    return 'it is not a JSON object';
  }
  const extra = Object.keys(line).filter(key => !RECORD_MEMBERS.has(key));
  if (extra.length > 0) {
    return `it has members no hash covers (${extra.join(', ')})`;
  }
  if (!Number.isSafeInteger(line.seq) || line.seq < 1) {
    return 'its seq is not a positive integer';
  }
  for (const key of ['id', 'actorRef', 'action', 'occurredAt', 'prevHash']) {
    if (!isString(line[key])) return `its ${key} is not a string`;
  }
  if (!isString(line.hash)) return 'its hash is not a string';
  if (line.agentRef !== undefined && !isString(line.agentRef)) {
    return 'its agentRef is not a string';
  }
  if (!line.data || typeof line.data !== 'object' || Array.isArray(line.data)) {
    return 'its data is not an object';
  }
  if (
    line.hashVersion !== undefined &&
    !Number.isSafeInteger(line.hashVersion)
  ) {
    return 'its hashVersion is not an integer';
  }
  return undefined;
}

type CheckpointLine = { line: number; jws: string; agentRef?: string };

function checkpointLine(
  text: string,
  line: number,
): CheckpointLine | undefined {
  if (!text.includes('"checkpoint"')) return undefined;
  try {
    const parsed = JSON.parse(text);
    if (typeof parsed?.checkpoint !== 'string' || 'seq' in parsed) {
      return undefined;
    }
    return {
      line,
      jws: parsed.checkpoint,
      ...(typeof parsed.agentRef === 'string'
        ? { agentRef: parsed.agentRef }
        : {}),
    };
  } catch {
    return undefined;
  }
}

const PER_AGENT_LIMITS = [
  "a per-agent export shows each record's own hash, the links between records that follow each other in the trail, and that the export reaches the signed checkpoint; it cannot show that none of the agent's records were left out or rewritten with their hashes recomputed, because the records between them are not in it: verify the whole trail's export for that",
];

/**
 * Verifies an export of the audit trail (`GET /v1/audit/export`: one record per line,
 * then the signed checkpoints) against the backend's JWKS: every record's hash by its
 * hash version, every link, every checkpoint's signature, and that the records reach the
 * latest checkpoint with the hash it signed. docs/audit.md describes what a whole and a
 * per-agent export prove.
 * @public
 */
export async function verifyAuditExport(
  exportText: string,
  jwks: JSONWebKeySet,
): Promise<AuditExportVerification> {
  const lines = exportText.split('\n');
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') {
    lines.pop();
  }
  // Checkpoints close the export; reading them first says whose export it is.
  const trailing: CheckpointLine[] = [];
  let end = lines.length;
  for (; end > 0; end--) {
    const found = checkpointLine(lines[end - 1], end);
    if (!found) break;
    trailing.unshift(found);
  }
  const problems: string[] = [];
  const agentRefs = new Set(trailing.map(c => c.agentRef));
  const agentRef = trailing.find(c => c.agentRef)?.agentRef;
  if (agentRefs.size > 1) {
    problems.push(
      'the checkpoint lines disagree on whose export this is (agentRef)',
    );
  }

  const walker = new AuditChainWalker(agentRef ? { agentRef } : {});
  let records = 0;
  for (let i = 0; i < end; i++) {
    const text = lines[i];
    if (text.trim() === '') continue;
    const lineNo = i + 1;
    if (checkpointLine(text, lineNo)) {
      problems.push(
        `line ${lineNo} is a checkpoint among the records; checkpoints come after the last record`,
      );
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      walker.breakAt(records + 1, `line ${lineNo} is not JSON`);
      break;
    }
    const why = notARecord(parsed);
    if (why) {
      walker.breakAt(
        records + 1,
        `line ${lineNo} is not an audit record: ${why}`,
      );
      break;
    }
    records += 1;
    if (!(await walker.add(parsed as AuditEvent))) break;
  }

  const checkpoints: VerifiedAuditCheckpoint[] = [];
  for (const line of trailing) {
    try {
      checkpoints.push(await verifyAuditCheckpoint(line.jws, jwks));
    } catch (error) {
      problems.push(
        `the checkpoint on line ${line.line} is not valid: ${
          (error as Error).message
        }`,
      );
    }
  }
  checkpoints.sort((a, b) => a.seq - b.seq);

  const walk = walker.result();
  const all = [
    ...(walk.broken ? [walk.broken.reason] : []),
    ...walker.checkpoints(checkpoints, { coversTail: true }).map(p => p.reason),
    ...problems,
  ];
  if (checkpoints.length === 0) {
    all.push(
      `no signed checkpoint: nothing shows where the trail ended, so records cut from the end of the export (after record ${walk.lastSeq}) would go unnoticed`,
    );
  }
  return {
    ok: all.length === 0,
    records,
    ...(agentRef ? { agentRef } : {}),
    checkpoints,
    problems: all,
    limits: agentRef ? PER_AGENT_LIMITS : [],
  };
}
