import { InputError } from '@backstage/errors';
import { parseInputRef } from '@mandate/plugin-agents-common';
import type { AnyZodObject, ZodError, ZodIssue, ZodTypeAny, z } from 'zod/v3';

/** The zod that the actions registry hands to schema builders. */
export type Zod = typeof z;

const INVALID = Symbol('invalid action input');

/** `['scope', 'tools', 0, 'access']` becomes `scope.tools[0].access`. */
function fieldOf(path: ReadonlyArray<string | number>): string {
  return path
    .map((segment, i) =>
      typeof segment === 'number'
        ? `[${segment}]`
        : `${i === 0 ? '' : '.'}${segment}`,
    )
    .join('');
}

/** The schema of the field at `path`, through optional, default and array wrappers. */
function schemaAt(
  schema: ZodTypeAny | undefined,
  path: ReadonlyArray<string | number>,
): ZodTypeAny | undefined {
  let current = schema;
  for (const segment of path) {
    while (current && 'innerType' in current._def) {
      current = current._def.innerType as ZodTypeAny;
    }
    if (!current) return undefined;
    const def = current._def as { typeName: string; [key: string]: any };
    if (def.typeName === 'ZodObject' && typeof segment === 'string') {
      current = def.shape()[segment];
    } else if (def.typeName === 'ZodArray' && typeof segment === 'number') {
      current = def.type;
    } else {
      return undefined;
    }
  }
  return current;
}

/** What the field is for, from its schema's description: it tells the caller what to send. */
function hintAt(schema: AnyZodObject, path: ReadonlyArray<string | number>) {
  let current = schemaAt(schema, path);
  while (current) {
    if (current.description) return current.description;
    current = (current._def as { innerType?: ZodTypeAny }).innerType;
  }
  return undefined;
}

function problemOf(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined'
        ? 'is required'
        : `must be ${issue.expected === 'array' ? 'an' : 'a'} ${
            issue.expected
          }, not ${issue.received}`;
    case 'invalid_enum_value':
      return `must be one of ${issue.options.join(', ')}, not "${
        issue.received
      }"`;
    case 'too_small':
      if (issue.type === 'string' && issue.minimum === 1) {
        return 'must not be empty';
      }
      if (issue.type === 'string') {
        return `must be at least ${issue.minimum} characters long`;
      }
      if (issue.type === 'array') {
        return `must hold at least ${issue.minimum} items`;
      }
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.type === 'string') {
        return `must be at most ${issue.maximum} characters long`;
      }
      if (issue.type === 'array') {
        return `must hold at most ${issue.maximum} items`;
      }
      return `must be at most ${issue.maximum}`;
    default:
      return issue.message.toLocaleLowerCase('en-US');
  }
}

/** Each mistake as `field: problem; what to send`, the REST API's way. */
function describeIssues(schema: AnyZodObject, issues: ZodIssue[]): string {
  return issues
    .flatMap(issue => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map(
          key =>
            `${fieldOf([...issue.path, key])}: is not a known field; remove it`,
        );
      }
      const field = fieldOf(issue.path) || 'input';
      const hint = hintAt(schema, issue.path);
      return [`${field}: ${problemOf(issue)}${hint ? ` (${hint})` : ''}`];
    })
    .join('; ');
}

/**
 * The input schema of a Mandate action. Backstage's actions registry refuses input that
 * its schema rejects with one message for every mistake (`Invalid input to action …`), and
 * MCP clients see only that message. So the schema the registry runs lets every input
 * through, marked when it is invalid, and {@link validInput} refuses it inside the action
 * with a message that names each field and what to send, as the REST API's messages do.
 * The JSON schema the registry publishes is the object's own (unknown fields refused).
 */
export function checkedInput<T extends AnyZodObject>(schema: T): T {
  const strict: AnyZodObject = schema.strict();
  const marked = (ctx: { error: ZodError }) => ({
    [INVALID]: describeIssues(strict, ctx.error.issues),
  });
  return strict.catch(marked as any) as unknown as T;
}

/** The action's input, once {@link checkedInput} found it valid. */
export function validInput<T>(input: T): T {
  const problem = (input as { [INVALID]?: string } | undefined)?.[INVALID];
  if (problem !== undefined) throw new InputError(problem);
  return input;
}

/** The description every `agentRef` input carries. */
export const AGENT_REF_HINT =
  "the agent's entity ref, kind:namespace/name, such as agent:default/refund-assistant";

/**
 * An agent's entity ref as a caller may write it: `agent:default/refund-assistant`, or
 * short (`refund-assistant`), made full; other kinds and invalid names refused.
 */
export function agentRefOf(value: string, field = 'agentRef'): string {
  return parseInputRef(value, { field, kinds: ['agent'] });
}
