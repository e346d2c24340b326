import { useApi } from '@backstage/core-plugin-api';
import { CallApproval } from '@mandate/plugin-agents-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { agentsApiRef } from '../../api/agentsApiRef';

/** How often held calls are looked for while a view that shows them is open. */
export const CALL_APPROVALS_POLL_MS = 5_000;

/** How many decided calls are shown beside the pending ones. */
const RECENT_DECISIONS = 10;

export interface CallApprovalsState {
  /** Pending calls, the one that expires first on top. */
  pending: CallApproval[];
  /** Decided and expired calls, newest first; only when asked for. */
  decided: CallApproval[];
  /** False once the first answer (or error) came. */
  loading: boolean;
  /** The last poll's error; cleared by the next poll that succeeds. */
  error?: Error;
  /** Looks again now (after a decision). */
  refresh(): void;
}

/**
 * The held calls of one agent (or of every agent the caller may see and decide, without
 * `agentRef`), looked at again every few seconds while the component is mounted: calls arrive
 * live, as gateways file them. A poll waits for the previous one; none runs while the page
 * is hidden.
 */
export function useCallApprovals(options: {
  agentRef?: string;
  /** Also load the most recent decisions. */
  withDecided?: boolean;
  pollMs?: number;
}): CallApprovalsState {
  const api = useApi(agentsApiRef);
  const { agentRef, withDecided = false } = options;
  const pollMs = options.pollMs ?? CALL_APPROVALS_POLL_MS;
  const [state, setState] = useState<Omit<CallApprovalsState, 'refresh'>>({
    pending: [],
    decided: [],
    loading: true,
  });
  const generation = useRef(0);
  const [tick, setTick] = useState(0);

  const refresh = useCallback(() => setTick(t => t + 1), []);

  useEffect(() => {
    const mine = ++generation.current;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const current = () => mine === generation.current;

    const poll = async () => {
      if (typeof document !== 'undefined' && document.hidden) {
        timer = setTimeout(poll, pollMs);
        return;
      }
      try {
        const [pending, recent] = await Promise.all([
          api.listCallApprovals({ agentRef, status: 'pending', limit: 100 }),
          withDecided
            ? api.listCallApprovals({ agentRef, limit: 2 * RECENT_DECISIONS })
            : undefined,
        ]);
        if (!current()) return;
        setState({
          pending: [...pending.items].sort((a, b) =>
            a.expiresAt.localeCompare(b.expiresAt),
          ),
          decided: (recent?.items ?? [])
            .filter(approval => approval.status !== 'pending')
            .slice(0, RECENT_DECISIONS),
          loading: false,
        });
      } catch (error) {
        if (!current()) return;
        setState(previous => ({
          ...previous,
          loading: false,
          error: error as Error,
        }));
      }
      if (current()) timer = setTimeout(poll, pollMs);
    };
    poll();
    return () => {
      generation.current += 1;
      clearTimeout(timer);
    };
  }, [api, agentRef, withDecided, pollMs, tick]);

  return {
    pending: state.pending,
    decided: state.decided,
    loading: state.loading,
    error: state.error,
    refresh,
  };
}
