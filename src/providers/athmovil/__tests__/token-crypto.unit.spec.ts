import { createCipheriv, hkdfSync, randomBytes } from "node:crypto"
import { TokenSealer } from "../token-crypto"

const token = "eyJraWQiOiJVVTZpdEt0U0N5Tm9abUFkWkt3ZGxpSDE2SDk5SXI5clNFeXJwbzh6dVVFIiwidHlwIjoiSldUIiwiYWxnIjoiUlMyNTYifQ.payload.signature"
const mine = { ecommerceId: "7f4e6c1a-0000-4000-8000-000000000001", sessionId: "payses_01MINE" }

describe("TokenSealer", () => {
  const sealer = new TokenSealer({ privateToken: "private-token-of-the-merchant" })

  it("round-trips and never shows the token in the sealed text", () => {
    const sealed = sealer.seal(token, mine)
    expect(sealed).toMatch(/^v2\./)
    expect(sealed).not.toContain("eyJ")
    expect(sealer.open(sealed, mine)).toBe(token)
  })

  it("uses a fresh IV each time", () => {
    expect(sealer.seal(token, mine)).not.toBe(sealer.seal(token, mine))
  })

  it("binds the token to its ticket and session: sealed for one, it cannot be opened for another", () => {
    const sealed = sealer.seal(token, mine)
    expect(sealer.open(sealed, { ...mine, sessionId: "payses_01OTHER" })).toBeNull()
    expect(sealer.open(sealed, { ...mine, ecommerceId: "7f4e6c1a-0000-4000-8000-000000000002" })).toBeNull()
    // No ambiguity in how the two ids are joined.
    const joined = sealer.seal(token, { ecommerceId: "a|b", sessionId: "c" })
    expect(sealer.open(joined, { ecommerceId: "a", sessionId: "b|c" })).toBeNull()
    expect(sealer.open(sealed, { ecommerceId: "", sessionId: "" })).toBeNull()
  })

  it("keeps the full 16-byte GCM tag and refuses a shortened one", () => {
    const sealed = sealer.seal(token, mine)
    const [, , tag] = sealed.split(".")
    expect(Buffer.from(tag, "base64url")).toHaveLength(16)
    const parts = sealed.split(".")
    // Node would otherwise accept a 4-byte tag: 2^32 guesses to forge.
    const short = [parts[0], parts[1], Buffer.from(tag, "base64url").subarray(0, 4).toString("base64url"), parts[3]].join(".")
    expect(sealer.open(short, mine)).toBeNull()
  })

  it("refuses tampered text, other keys and garbage", () => {
    const sealed = sealer.seal(token, mine)
    const parts = sealed.split(".")
    const flipped = [...parts.slice(0, 3), (parts[3][0] === "A" ? "B" : "A") + parts[3].slice(1)].join(".")
    expect(sealer.open(flipped, mine)).toBeNull()
    expect(new TokenSealer({ encryptionKey: "x".repeat(32) }).open(sealed, mine)).toBeNull()
    expect(sealer.open("v2.only.three", mine)).toBeNull()
    expect(sealer.open(42, mine)).toBeNull()
    expect(sealer.open(undefined, mine)).toBeNull()
  })

  it("refuses to seal without the ids it binds to", () => {
    expect(() => sealer.seal(token, { ecommerceId: "", sessionId: mine.sessionId })).toThrow(/ecommerce/i)
  })

  it("derives different keys from an encryption key and from the private token", () => {
    const a = new TokenSealer({ encryptionKey: "same-material-same-material-same!" })
    const b = new TokenSealer({ privateToken: "same-material-same-material-same!" })
    expect(b.open(a.seal(token, mine), mine)).toBeNull()
  })

  it("fails closed, with a message saying why, on a token sealed by the earlier unbound format (v1)", () => {
    // A v1 token exactly as the previous release wrote it (same key derivation, no associated data).
    const material = "private-token-of-the-merchant"
    const key = Buffer.from(hkdfSync("sha256", material, "medusa-payment-athmovil", "auth-token:private", 32))
    const iv = randomBytes(12)
    const cipher = createCipheriv("aes-256-gcm", key, iv)
    const body = Buffer.concat([cipher.update(token, "utf8"), cipher.final()])
    const v1 = ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".")
    expect(() => sealer.open(v1, mine)).toThrow(/earlier version.*start a new payment/i)
  })
})
