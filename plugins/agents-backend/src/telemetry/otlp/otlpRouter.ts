import { HttpAuthService } from '@backstage/backend-plugin-api';
import express, { ErrorRequestHandler, Request, Response } from 'express';
import Router from 'express-promise-router';
import { TelemetryIngest } from '../TelemetryIngest';
import { MalformedOtlpError } from './decodeTraces';
import { SpanReaderPool } from './SpanReaderPool';
import { ExportTraceServiceResponse, RpcStatus } from './proto';

const PROTOBUF = 'application/x-protobuf';
const JSON_TYPE = 'application/json';
/** How many rejection reasons the partial-success message lists. */
const REASONS_LISTED = 5;

/** google.rpc.Code values for the error bodies OTLP/HTTP asks for. */
const RPC_CODE: Record<number, number> = {
  400: 3, // INVALID_ARGUMENT
  401: 16, // UNAUTHENTICATED
  403: 7, // PERMISSION_DENIED
  413: 8, // RESOURCE_EXHAUSTED
  415: 3,
  500: 13, // INTERNAL
};

const wantsProtobuf = (req: Request) => Boolean(req.is(PROTOBUF));

/** Answers in the encoding the request used, as OTLP/HTTP requires. */
function send(
  req: Request,
  res: Response,
  status: number,
  body: { json: object; protobuf: Uint8Array },
) {
  res.status(status);
  if (wantsProtobuf(req)) {
    res.type(PROTOBUF).send(Buffer.from(body.protobuf));
  } else {
    res.type(JSON_TYPE).send(JSON.stringify(body.json));
  }
}

function sendError(
  req: Request,
  res: Response,
  status: number,
  message: string,
) {
  const rpc = { code: RPC_CODE[status] ?? 2, message };
  send(req, res, status, {
    json: rpc,
    protobuf: RpcStatus.encode(RpcStatus.fromObject(rpc)).finish(),
  });
}

/**
 * OTLP partial success: the spans not counted and why, and as warnings (which OTLP allows
 * with zero rejected spans) the spans that wait for an ancestor or name no agent.
 */
function partialSuccess(
  rejected: { path: string; reason: string }[],
  outcome: {
    waiting: number;
    unattributed: number;
    unattributedTraceIds: string[];
  },
  holdFor: string,
) {
  const parts: string[] = [];
  if (rejected.length > 0) {
    const reasons = rejected
      .slice(0, REASONS_LISTED)
      .map(r => `${r.path}: ${r.reason}`);
    const more =
      rejected.length > REASONS_LISTED
        ? ` (and ${rejected.length - REASONS_LISTED} more)`
        : '';
    parts.push(
      `${rejected.length} span(s) rejected: ${reasons.join('; ')}${more}`,
    );
  }
  if (outcome.waiting > 0) {
    parts.push(
      `${outcome.waiting} span(s) wait up to ${holdFor} for an ancestor span that names their agent (agents.telemetry.attribution.holdFor)`,
    );
  }
  if (outcome.unattributed > 0) {
    parts.push(
      `${
        outcome.unattributed
      } call(s) name no agent and match no mapping rule (agents.telemetry.attribution.rules); traces ${outcome.unattributedTraceIds.join(
        ', ',
      )}`,
    );
  }
  if (parts.length === 0) return {};
  return {
    partialSuccess: {
      rejectedSpans: rejected.length,
      errorMessage: parts.join('. '),
    },
  };
}

/**
 * OTLP/HTTP trace receiver: `POST /v1/traces` (mounted at `/otlp`, so an exporter's base URL
 * is `<backend>/api/agents/otlp`). Protobuf or JSON, gzip accepted, service credentials only
 * (external-access tokens). Unreadable requests are refused whole; spans Mandate cannot use
 * are reported through OTLP partial success while the rest is stored.
 */
export function createOtlpRouter(options: {
  httpAuth: HttpAuthService;
  ingest: TelemetryIngest;
  /** Decodes and reads the bodies, off the event loop. */
  reader: SpanReaderPool;
  /** Largest accepted body after decompression, in bytes. */
  maxBodyBytes: number;
}) {
  const { httpAuth, ingest, reader, maxBodyBytes } = options;
  const router = Router();

  router.post(
    '/v1/traces',
    async (req, _res, next) => {
      await httpAuth.credentials(req, { allow: ['service'] });
      next();
    },
    (req, res, next) => {
      if (!req.is(PROTOBUF) && !req.is(JSON_TYPE)) {
        sendError(
          req,
          res,
          415,
          `Content-Type must be ${PROTOBUF} or ${JSON_TYPE} (OTLP/HTTP); got ${
            req.headers['content-type'] ?? 'none'
          }`,
        );
        return;
      }
      next();
    },
    express.raw({ type: () => true, limit: maxBodyBytes, inflate: true }),
    async (req: Request, res: Response) => {
      const body: Buffer = Buffer.isBuffer(req.body)
        ? req.body
        : Buffer.alloc(0);
      const read = await reader.read(
        body,
        wantsProtobuf(req) ? 'protobuf' : 'json',
      );
      const outcome = await ingest.ingestSpans(read, {
        sourceId: 'otlp',
        kind: 'otlp',
      });
      const answer = partialSuccess(
        [
          ...outcome.rejected,
          ...outcome.refused.map(r => ({ path: r.id, reason: r.reason })),
        ],
        outcome,
        ingest.holdFor.toISO()!,
      );
      send(req, res, 200, {
        json: answer,
        protobuf: ExportTraceServiceResponse.encode(
          ExportTraceServiceResponse.fromObject(answer),
        ).finish(),
      });
    },
  );

  const errors: ErrorRequestHandler = (error, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof MalformedOtlpError) {
      sendError(req, res, 400, error.message);
    } else if (error?.type === 'entity.too.large') {
      sendError(
        req,
        res,
        413,
        `The request body is larger than ${maxBodyBytes} bytes (agents.otlp.maxBodySize); export smaller batches`,
      );
    } else if (error?.type === 'encoding.unsupported') {
      sendError(
        req,
        res,
        415,
        `Content-Encoding ${
          error.encoding ?? ''
        } is not supported; send gzip or no encoding`,
      );
    } else if (error?.name === 'AuthenticationError') {
      sendError(req, res, 401, error.message);
    } else if (error?.name === 'NotAllowedError') {
      sendError(
        req,
        res,
        403,
        `${error.message}: the OTLP receiver accepts service credentials only (an external-access token)`,
      );
    } else if (String(error?.code).startsWith('Z_')) {
      sendError(
        req,
        res,
        400,
        `The body could not be decompressed (${error.message}); check Content-Encoding`,
      );
    } else if (typeof error?.status === 'number' && error.status < 500) {
      // body-parser's own refusals, such as a corrupt gzip stream
      sendError(req, res, error.status, error.message);
    } else {
      next(error);
    }
  };
  router.use(errors);
  return router;
}
