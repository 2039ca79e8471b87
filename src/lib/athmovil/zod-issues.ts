/** The part of a zod issue the description reads (zod's own issue type fits it). */
export interface ZodIssueLike {
  code?: string
  path: ReadonlyArray<PropertyKey>
  message: string
  keys?: readonly string[]
}

/**
 * What zod refused, as "field: rule; field: rule": the one way every route, the provider's options
 * and the session guard name a field and its rule. A message that already starts with its field is
 * not prefixed twice, unknown keys are named by their keys, and `root` stands for the input as a
 * whole (empty: the message alone).
 */
export function describeZodIssues(issues: readonly ZodIssueLike[], root: string, fieldPrefix = ""): string {
  return issues
    .map((i) => {
      const path = i.path.map(String).join(".")
      const field = path
        ? fieldPrefix + path
        : i.code === "unrecognized_keys" && i.keys?.length
          ? i.keys.map((k) => fieldPrefix + k).join(", ")
          : root
      return !field || i.message.startsWith(field) ? i.message : `${field}: ${i.message}`
    })
    .join("; ")
}
