import { CallApproval, NewCallApproval } from '@mandate/plugin-agents-common';
import { MandateConnection, callMandate } from '../policy/PolicyClient';

/**
 * Holds calls for a person's approval in Mandate and waits for the answer: files the
 * approval (the token needs `agents.call.request`), then asks for it with `waitSeconds`,
 * so Mandate answers as soon as someone decides, without busy polling.
 * @public
 */
export class ApprovalClient {
  constructor(private readonly connection: MandateConnection) {}

  async file(approval: NewCallApproval): Promise<CallApproval> {
    const res = await callMandate(this.connection, '/v1/approvals', {
      method: 'POST',
      body: JSON.stringify(approval),
    });
    return (await res.json()) as CallApproval;
  }

  /**
   * The approval once decided or expired; gives up (returning it pending) when `signal`
   * aborts.
   */
  async waitForDecision(
    id: string,
    signal?: AbortSignal,
  ): Promise<CallApproval> {
    for (;;) {
      const res = await callMandate(
        this.connection,
        `/v1/approvals/${encodeURIComponent(id)}?waitSeconds=25`,
        { signal },
      );
      const approval = (await res.json()) as CallApproval;
      if (approval.status !== 'pending' || signal?.aborted) return approval;
    }
  }
}
