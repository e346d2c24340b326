import { ApiRouter, internal } from '@backstage/backend-openapi-utils';
import { AuthenticationError, InputError } from '@backstage/errors';
import express, { ErrorRequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import Router from 'express-promise-router';
import { spec } from '../schema/openapi.generated';

/**
 * The governance API's router: its paths, parameters, bodies and responses are typed from
 * src/schema/openapi.yaml, so handlers read what the validator let through.
 */
export type AgentsApiRouter = ApiRouter<typeof spec>;

type ValidationError = { path: string; message: string; errorCode?: string };

/** `/body/payload/scope` becomes `body.payload.scope`. */
const fieldOf = (path: string) => path.replace(/^\//, '').replace(/\//g, '.');

function describe(error: ValidationError): string {
  const field = fieldOf(error.path);
  if (error.errorCode?.startsWith('additionalProperties')) {
    return `${field}: is not a known field; remove it`;
  }
  if (error.errorCode?.startsWith('required')) {
    return `${field}: is required`;
  }
  return `${field}: ${error.message}`;
}

/** The first string in `value` that holds a NUL character, by its path; none: undefined. */
function nulAt(value: unknown, path: string): string | undefined {
  if (typeof value === 'string')
    return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulAt(item, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulAt(key, path) ?? nulAt(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Refuses text with NUL characters, which no field of the API needs and PostgreSQL cannot
 * store: an answer that names the field instead of a database error.
 */
const noNulCharacters: express.RequestHandler = (req, _res, next) => {
  const field =
    nulAt(req.body, 'body') ??
    nulAt(req.query, 'query') ??
    nulAt(req.params, 'path');
  next(
    field
      ? new InputError(`${field}: must not contain NUL (\\u0000) characters`)
      : undefined,
  );
};

/** Turns the validator's errors into Backstage errors whose message names every bad field. */
const validationErrors: ErrorRequestHandler = (error, _req, _res, next) => {
  if (error?.status === 401) {
    next(new AuthenticationError(error.message));
  } else if (typeof error?.status === 'number' && Array.isArray(error.errors)) {
    next(new InputError(error.errors.map(describe).join('; ')));
  } else {
    next(error);
  }
};

/**
 * A router whose requests are validated against the OpenAPI document before any handler
 * runs. Like Backstage's createValidatedOpenApiRouter, but its messages name the offending
 * field (`body.payload.tools: is not a known field`). Handlers see bodies and queries that
 * already match the document, typed from it.
 */
export function createValidatedRouter<Doc extends internal.RequiredDoc>(
  apiSpec: Doc,
): ApiRouter<Doc> {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  router.use(noNulCharacters);
  router.get('/.well-known/backstage/openapi.json', (_req, res) => {
    res.json(apiSpec);
  });
  router.use(
    OpenApiValidator.middleware({
      apiSpec: apiSpec as any,
      validateRequests: {
        coerceTypes: false,
        allowUnknownQueryParameters: false,
      },
      validateResponses: false,
      ignoreUndocumented: true,
      useRequestUrl: true,
    }),
  );
  router.use(validationErrors);
  return router as ApiRouter<Doc>;
}
