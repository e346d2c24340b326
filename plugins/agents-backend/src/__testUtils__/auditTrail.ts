import { createHash, randomUUID } from 'node:crypto';

/**
 * An audit row as the trail wrote them before hash versions (version 1): SHA-256 over the
 * fields joined by newlines, with `data` as given (the old canonical text).
 */
export function versionOneRow(seq: number, prevHash: string, data: string) {
  const row = {
    seq,
    id: randomUUID(),
    agent_ref: 'agent:default/old',
    actor_ref: 'user:default/dana.lee',
    action: 'legacy.event',
    occurred_at: `2025-06-01T00:00:0${seq}.000Z`,
    data,
    prev_hash: prevHash,
  };
  const hash = createHash('sha256')
    .update(
      [
        String(row.seq),
        row.id,
        row.agent_ref,
        row.actor_ref,
        row.action,
        row.occurred_at,
        row.data,
        row.prev_hash,
      ].join('\n'),
    )
    .digest('hex');
  return { ...row, hash };
}
