import { TokenSealer } from "../token-crypto"

const token = "eyJraWQiOiJVVTZpdEt0U0N5Tm9abUFkWkt3ZGxpSDE2SDk5SXI5clNFeXJwbzh6dVVFIiwidHlwIjoiSldUIiwiYWxnIjoiUlMyNTYifQ.payload.signature"

describe("TokenSealer", () => {
  const sealer = new TokenSealer({ privateToken: "private-token-of-the-merchant" })

  it("round-trips and never shows the token in the sealed text", () => {
    const sealed = sealer.seal(token)
    expect(sealed).toMatch(/^v1\./)
    expect(sealed).not.toContain("eyJ")
    expect(sealer.open(sealed)).toBe(token)
  })

  it("uses a fresh IV each time", () => {
    expect(sealer.seal(token)).not.toBe(sealer.seal(token))
  })

  it("refuses tampered text, other keys and garbage", () => {
    const sealed = sealer.seal(token)
    const parts = sealed.split(".")
    const flipped = [...parts.slice(0, 3), (parts[3][0] === "A" ? "B" : "A") + parts[3].slice(1)].join(".")
    expect(sealer.open(flipped)).toBeNull()
    expect(new TokenSealer({ encryptionKey: "x".repeat(32) }).open(sealed)).toBeNull()
    expect(sealer.open("v1.only.three")).toBeNull()
    expect(sealer.open(42)).toBeNull()
    expect(sealer.open(undefined)).toBeNull()
  })

  it("derives different keys from an encryption key and from the private token", () => {
    const a = new TokenSealer({ encryptionKey: "same-material-same-material-same!" })
    const b = new TokenSealer({ privateToken: "same-material-same-material-same!" })
    expect(b.open(a.seal(token))).toBeNull()
  })
})
