/**
 * The fidelity figure `athmovil-sandbox --fidelity` prints, asserted: every
 * public fixture is measured, each one's cited variants reproduce it, and the
 * sandbox's usual shapes differ only where documented.
 */
import { FIXTURES } from "./helpers"
import { citedVariants, compareShapes, formatFidelity, measureFidelity, type FidelityReport } from "../fidelity"
import { variantTableMarkdown } from "../variants"

let usual: FidelityReport
let cited: FidelityReport

beforeAll(async () => {
  usual = await measureFidelity(FIXTURES, "default")
  cited = await measureFidelity(FIXTURES, "cited")
}, 60_000)

describe("fidelity against athm/fixtures", () => {
  it("measures every fixture file", () => {
    expect(usual.unmeasured).toEqual([])
    expect(usual.fixtures).toHaveLength(21)
  })

  it("with each fixture's cited variants: ≥ 99 % of keys and types (the figure --fidelity prints)", () => {
    expect(cited.percent).toBeGreaterThanOrEqual(99)
    expect(cited.fixtures.filter((f) => f.differences.length > 0).map((f) => [f.fixture, f.differences])).toEqual([])
    expect(formatFidelity(cited)).toContain(`= ${cited.percent.toFixed(2)} %`)
  })

  it("with the usual shapes: only the documented differences", () => {
    const differing = Object.fromEntries(usual.fixtures.filter((f) => f.differences.length > 0).map((f) => [f.fixture, f.differences]))
    expect(differing).toEqual({
      // S1's COMPLETED sample lacks sku/formattedPrice, which every other sample has.
      "api/findPayment_or_authorization_COMPLETED.official.json": ["$.data.items[0].formattedPrice: unexpected", "$.data.items[0].sku: unexpected"],
      // The real captured refund webhook lacks the 2020 example's order fields.
      "webhooks/refund_sent.official.json": ["$.tax: missing", "$.subtotal: missing", "$.metadata1: missing", "$.metadata2: missing", "$.items: missing"],
    })
    expect(usual.percent).toBeGreaterThan(98.5)
  })

  it("cited variants come from the variant table's sources", () => {
    expect(citedVariants("webhooks/refund_sent.official.json")).toMatchObject({ "webhook.refundShape": "doc-2020", "webhook.refundStatus": "completed" })
    expect(citedVariants("api/findPayment_or_authorization_COMPLETED.official.json")).toMatchObject({ "fee.number": "float32", "findPayment.itemExtras": "without" })
  })
})

describe("compareShapes", () => {
  it("counts keys and types at every depth, extras against", () => {
    expect(compareShapes({ a: 1, b: { c: "x" }, d: [{ e: 1 }] }, { a: 2, b: { c: "y" }, d: [{ e: 3 }] })).toMatchObject({
      expected: 7,
      reproduced: 7,
      unexpected: 0,
    })
    const r = compareShapes({ a: 1, b: { c: "x" } }, { a: "1", z: true })
    expect(r).toMatchObject({ expected: 4, reproduced: 1, unexpected: 1 })
    expect(r.differences).toEqual(["$.a: expected number, got string", "$.b: missing", "$.z: unexpected"])
  })
})

describe("the sandbox README's variant table", () => {
  it("is the table the code plays (--list-variants)", () => {
    const readme = require("node:fs").readFileSync(require("node:path").join(__dirname, "../README.md"), "utf8") as string
    const copy = /<!-- variants-table:start -->\n([\s\S]*?)\n<!-- variants-table:end -->/.exec(readme)?.[1]
    expect(copy).toBe(variantTableMarkdown())
  })
})
