import { buildListenerUrl } from "../listener-url"

const secret = "s".repeat(24)
const origin = { protocol: "http", host: "localhost:9000" }
const build = (publicBaseUrl: string | undefined, production = false, requestOrigin = origin) =>
  buildListenerUrl({ publicBaseUrl, webhookSecret: secret, requestOrigin, production })

describe("buildListenerUrl", () => {
  it("builds <publicBaseUrl>/hooks/athmovil/<secret>, keeping a path prefix and dropping trailing slashes", () => {
    expect(build("https://shop.example.com")).toBe(`https://shop.example.com/hooks/athmovil/${secret}`)
    expect(build("https://shop.example.com/medusa//", true)).toBe(`https://shop.example.com/medusa/hooks/athmovil/${secret}`)
  })

  it("allows plain http only for this machine", () => {
    for (const base of ["http://localhost:9000", "http://127.0.0.1:9000", "http://[::1]:9000"]) {
      expect(build(base, true)).toBe(`${base}/hooks/athmovil/${secret}`)
    }
    for (const base of ["http://shop.example.com", "http://localhost.example.com", "http://127.0.0.2", "http://10.0.0.5:9000", "ftp://localhost"]) {
      expect(() => build(base)).toThrow(/https:\/\/ listener URL/)
    }
  })

  it("never uses the Host header in production; outside it, the request origin follows the same http rule", () => {
    expect(() => build(undefined, true)).toThrow(/publicBaseUrl/)
    expect(build(undefined, false)).toBe(`http://localhost:9000/hooks/athmovil/${secret}`)
    expect(() => build(undefined, false, { protocol: "http", host: "evil.example.com" })).toThrow(/request's origin/)
    expect(build(undefined, false, { protocol: "https", host: "shop.example.com" })).toBe(`https://shop.example.com/hooks/athmovil/${secret}`)
  })

  it("reads production from NODE_ENV by default", () => {
    const before = process.env.NODE_ENV
    process.env.NODE_ENV = "production"
    try {
      expect(() => buildListenerUrl({ webhookSecret: secret, requestOrigin: origin })).toThrow(/publicBaseUrl/)
    } finally {
      process.env.NODE_ENV = before
    }
  })
})
