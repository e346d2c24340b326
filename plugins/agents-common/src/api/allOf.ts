/**
 * A list of every member of a union of string literals. The compiler checks both ways: an
 * entry that is not a member does not compile, nor does a list that leaves a member out
 * (the error names it as `missing`).
 */
export function allOf<T extends string>() {
  return <const L extends readonly T[]>(
    list: L &
      (Exclude<T, L[number]> extends never
        ? unknown
        : { missing: Exclude<T, L[number]> }),
  ): L => list;
}
