import { makeValidator, parseEntityRef } from '@backstage/catalog-model';
import { AGENT_REF_KINDS, AgentRefField } from './refs';
import { AgentValidationIssue } from './validationIssues';

export const DATA_CLASS = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const TOOL_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:/-]*$/;
export const NO_WHITESPACE = /^\S+$/;
export const names = makeValidator();

export type Obj = Record<string, unknown>;
export const isObject = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const quote = (value: unknown) => JSON.stringify(value);
export const oneOf = (values: readonly string[]) => values.join(', ');

/** Collects issues while walking an entity; each check names its field. */
export class Checker {
  readonly issues: AgentValidationIssue[] = [];

  fail(field: string, message: string) {
    this.issues.push({ field, message });
  }

  object(field: string, value: unknown, required: boolean): Obj | undefined {
    if (value === undefined) {
      if (required) this.fail(field, 'is required; add it as a mapping');
      return undefined;
    }
    if (!isObject(value)) {
      this.fail(field, `must be a mapping (key: value), got ${quote(value)}`);
      return undefined;
    }
    return value;
  }

  onlyKeys(field: string, value: Obj, known: readonly string[]) {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) {
        this.fail(
          `${field}.${key}`,
          `is not a known field; remove it or use one of ${oneOf(known)}`,
        );
      }
    }
  }

  text(
    field: string,
    value: unknown,
    required: boolean,
    hint: string,
  ): string | undefined {
    if (value === undefined || value === null) {
      if (required) this.fail(field, `is required; ${hint}`);
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      this.fail(field, `must be a non-empty string; ${hint}`);
      return undefined;
    }
    return value;
  }

  choice(
    field: string,
    value: unknown,
    allowed: readonly string[],
    required: boolean,
  ) {
    if (value === undefined) {
      if (required)
        this.fail(field, `is required; use one of ${oneOf(allowed)}`);
      return;
    }
    if (typeof value !== 'string' || !allowed.includes(value)) {
      this.fail(
        field,
        `${quote(value)} is not allowed; use one of ${oneOf(allowed)}`,
      );
    }
  }

  ref(field: string, value: unknown, kinds: AgentRefField, required: boolean) {
    const allowed = AGENT_REF_KINDS[kinds];
    const example = `${allowed[0]}:<name>`;
    const text = this.text(
      field,
      value,
      required,
      `write an entity ref such as ${example}`,
    );
    if (text === undefined) return;
    let kind: string;
    try {
      const ref = parseEntityRef(text, {
        defaultKind: allowed[0],
        defaultNamespace: 'default',
      });
      if (
        !names.isValidEntityName(ref.name) ||
        !names.isValidNamespace(ref.namespace)
      ) {
        throw new TypeError('bad name');
      }
      kind = ref.kind.toLocaleLowerCase('en-US');
    } catch {
      this.fail(
        field,
        `${quote(text)} is not an entity ref; write it as ${example}`,
      );
      return;
    }
    if (!(allowed as readonly string[]).includes(kind)) {
      this.fail(
        field,
        `must reference a ${allowed.join(
          ' or ',
        )}, not a ${kind}; write it as ${example}`,
      );
    }
  }

  dataClasses(field: string, value: unknown): string[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.fail(
        field,
        'must be a list of data class names, for example [customer-pii, payment]',
      );
      return [];
    }
    const seen = new Set<string>();
    value.forEach((item, index) => {
      if (typeof item !== 'string' || !DATA_CLASS.test(item)) {
        this.fail(
          `${field}[${index}]`,
          `${quote(
            item,
          )} is not a data class name; use lower-case kebab-case such as customer-pii`,
        );
      } else if (seen.has(item)) {
        this.fail(
          `${field}[${index}]`,
          `"${item}" is listed twice; remove the duplicate`,
        );
      } else {
        seen.add(item);
      }
    });
    return [...seen];
  }
}
