import { AttributeValue } from '../otlp/decodeTraces';

/**
 * How a gateway's notion of the caller (`jwt.sub`, `src.identity`, `enduser.id`,
 * `service.name`, …) becomes an agent identity, for spans that name no agent.
 */
export interface MappingRule {
  /** Only spans from this source (`otlp`, or a pull source's id); any source when unset. */
  source?: string;
  /** The attribute to read: the span's own, else its resource's. */
  attribute: string;
  /** Exact values and the identity each stands for. */
  map?: Record<string, string>;
  /** The value must match; its groups fill `$1`, `$2`, … in `identity`. */
  pattern?: RegExp;
  /** The identity, `$0` standing for the whole value. Default `$0`. */
  identity?: string;
}

/** The identity the first matching rule gives a span, if any. */
export function mappedIdentity(
  rules: readonly MappingRule[],
  sourceId: string,
  own: Map<string, AttributeValue>,
  resource: Map<string, AttributeValue>,
): string | undefined {
  for (const rule of rules) {
    if (rule.source && rule.source !== sourceId) continue;
    const value = own.get(rule.attribute) ?? resource.get(rule.attribute);
    if (typeof value !== 'string' || value === '') continue;
    if (rule.map) {
      const identity = rule.map[value];
      if (identity) return identity;
      continue;
    }
    const match = rule.pattern ? rule.pattern.exec(value) : [value];
    if (!match) continue;
    return (rule.identity ?? '$0').replace(
      /\$(\d)/g,
      (_, group: string) => match[Number(group)] ?? '',
    );
  }
  return undefined;
}
