import { generateEntityId } from "@medusajs/framework/utils"
import { entityId } from "../entity-id"

const ULID_ID = /^athwh_[0-9A-HJKMNP-TV-Z]{26}$/

describe("entityId", () => {
  it("has the shape of Medusa's generateEntityId", () => {
    const ours = entityId("athwh")
    expect(ours).toMatch(ULID_ID)
    expect(generateEntityId(undefined, "athwh")).toMatch(ULID_ID)
    expect(ours.length).toBe(generateEntityId(undefined, "athwh").length)
  })

  it("encodes the time in the first 10 characters, so ids sort by creation like Medusa's", () => {
    const at = Date.UTC(2026, 10, 21, 12, 0, 0)
    const decoded = [...entityId("athwh", at).slice(6, 16)].reduce((n, c) => n * 32 + "0123456789ABCDEFGHJKMNPQRSTVWXYZ".indexOf(c), 0)
    expect(decoded).toBe(at)
    expect(entityId("athwh", at) < entityId("athwh", at + 1)).toBe(true)
  })

  it("does not repeat over 100,000 ids made in the same millisecond", () => {
    const at = Date.now()
    const ids = new Set<string>(Array.from({ length: 100_000 }, () => entityId("athwh", at)))
    expect(ids.size).toBe(100_000)
  })

  it("uses every random character position (no constant bits)", () => {
    const seen = Array.from({ length: 16 }, () => new Set<string>())
    for (let i = 0; i < 2000; i++) [...entityId("x").slice(12)].forEach((c, p) => seen[p].add(c))
    for (const chars of seen) expect(chars.size).toBe(32)
  })
})
