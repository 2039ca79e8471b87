import { z } from "zod"
import { describeZodIssues } from "../zod-issues"

const issuesOf = (schema: z.ZodTypeAny, input: unknown) => {
  const parsed = schema.safeParse(input)
  if (parsed.success) throw new Error("expected the input to be refused")
  return parsed.error.issues
}

describe("describeZodIssues: the one way a refusal names the field and the rule", () => {
  const Schema = z
    .object({
      limit: z.number().max(200, "limit must be at most 200"),
      cart_id: z.string().regex(/^cart_/, "must be a cart id"),
      nested: z.object({ when: z.string({ message: "must be a date" }) }).optional(),
    })
    .strict()

  it("names every field once, nested paths with dots, and unknown keys by their keys", () => {
    const issues = issuesOf(Schema, { limit: 500, cart_id: "x", nested: { when: 1 }, extra: 1, other: 2 })
    expect(describeZodIssues(issues, "query")).toBe(
      'limit must be at most 200; cart_id: must be a cart id; nested.when: must be a date; extra, other: Unrecognized keys: "extra", "other"'
    )
  })

  it("prefixes fields (the session guard's data.*) and falls back on the root for the input as a whole", () => {
    expect(describeZodIssues(issuesOf(Schema, { limit: 1, cart_id: "x" }), "data", "data.")).toBe("data.cart_id: must be a cart id")
    expect(describeZodIssues(issuesOf(z.object({}), "text"), "body")).toMatch(/^body: /)
    expect(describeZodIssues(issuesOf(z.string({ message: "publicToken is required" }), 1), "")).toBe("publicToken is required")
  })
})
