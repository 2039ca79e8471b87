import { startSandbox, type AthSandbox } from "../index"

let sb: AthSandbox

beforeAll(async () => {
  sb = await startSandbox({ clock: "manual", merchants: [{ publicToken: "pub", privateToken: "priv" }] })
})

afterAll(() => sb.stop())

beforeEach(() => sb.reset())

/** What a client reads: ATH's `Date` header against this machine's clock, in seconds. */
async function skewOf(path: string, init?: RequestInit): Promise<number> {
  const res = await fetch(`${sb.url}${path}`, init)
  const date = res.headers.get("date")
  expect(date).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/)
  return (Date.parse(date!) - Date.now()) / 1000
}

const findPayment = { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ecommerceId: "x", publicToken: "pub" }) }

describe("Date header", () => {
  it("carries the wall clock, not the frozen test clock, and a skew set through the control API", async () => {
    await sb.advanceTime(3600)
    expect(Math.abs(await skewOf("/api/business-transaction/ecommerce/business/findPayment", findPayment))).toBeLessThan(2)

    const set = await fetch(`${sb.url}/sandbox/control/clock-skew`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ seconds: -90 }),
    })
    expect(await set.json()).toEqual({ seconds: -90 })
    const skew = await skewOf("/api/business-transaction/ecommerce/business/findPayment", findPayment)
    expect(skew).toBeLessThan(-88)
    expect(skew).toBeGreaterThan(-92)
    // Every answer of the server is stamped the same way, errors and unknown paths too.
    expect(await skewOf("/nope")).toBeLessThan(-88)

    sb.reset()
    expect(Math.abs(await skewOf("/sandbox/health"))).toBeLessThan(2)
  })

  it("refuses a skew that is not a number of seconds", async () => {
    const res = await fetch(`${sb.url}/sandbox/control/clock-skew`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ seconds: "soon" }),
    })
    expect(res.status).toBe(400)
    expect(() => sb.setClockSkew(Number.NaN)).toThrow(/seconds/)
  })
})
