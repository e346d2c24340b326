import {
  CertificateClaims,
  CertificateError,
  Enforcer,
} from '@mandate/plugin-agents-enforcement';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  CallToolResult,
  ListToolsRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import express, { Request, Response } from 'express';
import { serveStateless } from './serveStateless';
import { UpstreamClients } from './Upstreams';

/**
 * The JSON-RPC error code of a call Mandate's policy refused (implementation-defined range).
 * @public
 */
export const POLICY_REFUSAL = -32003;

/** How often a held call tells a client that passed a progress token that it still waits. */
const PROGRESS_EVERY_MS = 15_000;

/**
 * The gateway's HTTP app: `/mcp/<API entity name>` speaks MCP over Streamable HTTP to agents
 * (stateless: each request stands alone), each authenticated by its behaviour certificate as
 * a bearer token. `tools/list` shows only what the agent may call; `tools/call` is decided by
 * Mandate's policy (held for a person's approval when it must be), forwarded or refused with
 * the reason, and reported as a span.
 * @public
 */
export function createGateway(options: {
  enforcer: Enforcer;
  upstreams: UpstreamClients;
  clock?: () => Date;
}) {
  const { enforcer, upstreams } = options;
  const clock = options.clock ?? (() => new Date());
  const app = express();
  app.use(express.json({ limit: '1mb' }));

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, upstreams: upstreams.names() });
  });

  app.all('/mcp/:api', async (req: Request, res: Response) => {
    const api = req.params.api;
    if (!upstreams.has(api)) {
      res
        .status(404)
        .json(jsonRpcError(`No MCP server ${api} behind this gateway`));
      return;
    }
    if (req.method !== 'POST') {
      // Stateless: no server-sent stream to resume, no session to delete.
      res.status(405).set('Allow', 'POST').json(jsonRpcError('Use POST'));
      return;
    }
    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    let certificate: CertificateClaims;
    try {
      if (!token) {
        throw new CertificateError(
          "present the agent's behaviour certificate as a bearer token",
          'malformed',
        );
      }
      certificate = await enforcer.authenticate(token);
    } catch (error) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer realm="mandate-gateway"')
        .json(jsonRpcError((error as Error).message));
      return;
    }
    await serveStateless(agentServer(api, certificate), req, res);
  });

  /** An MCP server for one request of one agent, in front of one upstream. */
  function agentServer(api: string, certificate: CertificateClaims): Server {
    const server = new Server(
      { name: `mandate-gateway/${api}`, version: '1.0.0' },
      { capabilities: { tools: {} } },
    );

    server.setRequestHandler(ListToolsRequestSchema, async () => {
      const tools = await upstreams.listTools(api);
      return {
        tools: tools.filter(t => enforcer.mayCall(certificate, t.name)),
      };
    });

    server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
      const startedAt = clock();
      const tool = request.params.name;
      const args = (request.params.arguments ?? {}) as Record<string, unknown>;
      const progressToken = request.params._meta?.progressToken;
      const keepAlive =
        progressToken !== undefined
          ? setInterval(() => {
              extra
                .sendNotification({
                  method: 'notifications/progress',
                  params: {
                    progressToken,
                    progress: 0,
                    message: `${tool} waits for a person's approval in Mandate`,
                  },
                })
                .catch(() => {});
            }, PROGRESS_EVERY_MS)
          : undefined;
      let authorization;
      try {
        authorization = await enforcer.authorize(
          {
            certificate,
            tool,
            arguments: args,
            onBehalfOf: onBehalfOf(request.params._meta),
          },
          extra.signal,
        );
      } finally {
        clearInterval(keepAlive);
      }
      const { decision, grant } = authorization;
      const report = {
        agentRef: certificate.agentRef,
        identity: certificate.sub,
        agentName: certificate.agentRef.split('/').pop(),
        tool,
        decision,
        grant,
      };
      if (decision.decision !== 'allow') {
        enforcer.report({ ...report, startedAt, endedAt: clock() });
        const message =
          decision.decision === 'deny'
            ? decision.message
            : `${tool} needs a person's approval`;
        throw policyRefusal(`Mandate refused ${tool}: ${message}`, {
          code:
            decision.decision === 'deny' ? decision.code : 'approval-required',
        });
      }
      try {
        const result = (await upstreams.callTool(api, tool, args, {
          timeout: 60_000,
        })) as CallToolResult;
        enforcer.report({
          ...report,
          ...(result.isError ? { errorType: 'tool_error' } : {}),
          startedAt,
          endedAt: clock(),
        });
        return result;
      } catch (error) {
        enforcer.report({
          ...report,
          errorType:
            error instanceof McpError ? `mcp_${error.code}` : 'upstream_error',
          startedAt,
          endedAt: clock(),
        });
        throw error;
      }
    });
    return server;
  }

  return app;
}

/** The person an agent acts for, when its client says so in the request's `_meta`. */
function onBehalfOf(meta: Record<string, unknown> | undefined) {
  const value = meta?.['mandate/onBehalfOf'];
  return typeof value === 'string' && value.length <= 255 ? value : undefined;
}

/**
 * The JSON-RPC error of a refused call. Not an McpError: that prefixes its message with
 * "MCP error <code>:", which clients add again.
 */
function policyRefusal(message: string, data: { code: string }) {
  return Object.assign(new Error(message), { code: POLICY_REFUSAL, data });
}

function jsonRpcError(message: string) {
  return { jsonrpc: '2.0', error: { code: POLICY_REFUSAL, message }, id: null };
}
