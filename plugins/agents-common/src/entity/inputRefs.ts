import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

const names = makeValidator();
const an = (word: string) =>
  /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;

/**
 * Reads an entity ref that a person or a client wrote (`agent:default/refund-assistant`, or
 * a short form that takes the first of `kinds` and the `default` namespace) and returns it
 * in full. The kind must be one of `kinds`, and the namespace and the name must follow the
 * catalog's rules, so that nothing else reaches a stored ref or a served URL. Throws an
 * InputError that names `field` and says how to write it.
 * @public
 */
export function parseInputRef(
  value: unknown,
  options: { field: string; kinds: readonly string[] },
): string {
  const { field, kinds } = options;
  const example = `${kinds[0]}:<namespace>/<name>`;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(`${field}: is required; write it as ${example}`);
  }
  let ref;
  try {
    ref = parseEntityRef(value.trim(), {
      defaultKind: kinds[0],
      defaultNamespace: 'default',
    });
  } catch {
    throw new InputError(
      `${field}: "${value}" is not an entity ref; write it as ${example}`,
    );
  }
  const kind = ref.kind.toLocaleLowerCase('en-US');
  if (!kinds.includes(kind)) {
    throw new InputError(
      `${field}: "${value}" is ${an(kind)}, not ${an(
        kinds.join(' or '),
      )}; write it as ${example}`,
    );
  }
  if (!names.isValidNamespace(ref.namespace)) {
    throw new InputError(
      `${field}: "${ref.namespace}" is not a valid namespace; use lower-case letters, digits and - (at most 63)`,
    );
  }
  if (!names.isValidEntityName(ref.name)) {
    throw new InputError(
      `${field}: "${ref.name}" is not a valid entity name; use letters, digits and - _ . (at most 63, starting and ending with a letter or digit)`,
    );
  }
  return stringifyEntityRef({ ...ref, kind });
}
