/**
 * Variants: a seed replays the same shapes for the same requests, different
 * seeds differ, strict mode plays only the named option, and the raw number
 * forms ("1.0", "0.40") really go over the wire.
 */
import { startSandbox, VARIANT_DIMENSIONS, Variants, parseStrict, type AthSandbox } from "../index"
import { call, completePayment, findPayment, refund } from "./helpers"

let sb: AthSandbox

beforeAll(async () => {
  sb = await startSandbox({ clock: "manual" })
})
afterAll(() => sb.stop())

/** Raw bytes of a findPayment, a refund and a search, in that order. */
async function session(): Promise<string[]> {
  sb.reset()
  const { ecommerceId, data } = await completePayment(sb, { total: "24.00", subtotal: "22.00", tax: "2.00", items: [] })
  const ref = String(data.referenceNumber).trim()
  const texts = [(await findPayment(sb, ecommerceId)).text, (await refund(sb, ref, "4.00")).text]
  texts.push((await call("POST", `${sb.reportBaseUrl}/api/v4/searchTransaction`, { ...sb.tokens, referenceNumber: ref })).text)
  // Only what the variants decide: ids, tokens and times differ between runs anyway.
  return texts.map((t) => t.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>").replace(/\d{9}-|[0-9a-f]{32}/g, "<ref>").replace(/(?<=[":])\d{13}(?=[",}])/g, "<ms>"))
}

describe("variants", () => {
  afterEach(() => sb.setVariants(null))

  it("the same seed plays the same shapes; another seed plays others", async () => {
    sb.setVariants("athm-1")
    const first = await session()
    const choices = [...sb.variantChoices]
    const again = await session()
    expect(again).toEqual(first)
    expect(sb.variantChoices).toEqual(choices)
    sb.setVariants("athm-2")
    expect(await session()).not.toEqual(first)
    expect(sb.variants).toBe("seed athm-2")
  })

  it("picks every option of every dimension somewhere across a few hundred picks", () => {
    const v = new Variants("coverage")
    for (const d of VARIANT_DIMENSIONS) {
      const seen = new Set<string>()
      for (let i = 0; i < 300; i++) seen.add(v.pick(d.name as any, d.options[0].name as any))
      expect([d.name, [...seen].sort()]).toEqual([d.name, d.options.map((o) => o.name).sort()])
    }
  })

  it("strict mode plays the named option and nothing else", async () => {
    sb.setVariants({ strict: "amount.number=java-decimal" })
    const [found] = await session()
    expect(found).toMatch(/"total":24\.0,/)
    expect(found).toMatch(/"fee":0\.6000000238418579,/) // the usual float32 fee is untouched
    expect(new Set(sb.variantChoices.map((c) => c.dimension))).toEqual(new Set(["amount.number"]))

    sb.setVariants({ strict: "amount.number=two-decimal,fee.number=two-decimal" })
    const [clean] = await session()
    expect(clean).toMatch(/"total":24\.00,/)
    expect(clean).toMatch(/"fee":0\.60,/)
    expect(clean).toMatch(/"netAmount":23\.40,/)
  })

  it("off: no picks, the usual guess", async () => {
    await session()
    expect(sb.variantChoices).toEqual([])
    expect(sb.variants).toBe("off")
  })

  it("error statuses follow the variant, the envelope does not change", async () => {
    sb.setVariants({ strict: "error.httpStatus=http-200" })
    const res = await findPayment(sb, "00000000-0000-0000-0000-000000000000")
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: "error", message: "EcommerceId does not exist", errorcode: "BTRA_0031", data: null })
    // Control routes keep their own statuses.
    expect((await call("POST", `${sb.url}/sandbox/customer/approve`, { ecommerceId: "nope" })).status).toBe(404)
  })

  it("rejects unknown dimensions and options, naming the valid ones", () => {
    expect(() => parseStrict("fee.colour=red")).toThrow(/unknown variant dimension "fee.colour"; known: fee.number/)
    expect(() => parseStrict("fee.number=round")).toThrow(/fee.number has no option "round"; options: float32, two-decimal/)
    expect(() => parseStrict("fee.number")).toThrow(/must be <dimension>=<option>/)
    expect(() => new Variants({ seed: " " })).toThrow(/must not be empty/)
  })
})

describe("POST /sandbox/control/variants", () => {
  it("switches variants for a sandbox in another process, and off again", async () => {
    const on = await call("POST", `${sb.url}/sandbox/control/variants`, { seed: "athm-3", strict: "phoneNumber=zero" })
    expect(on.body).toEqual({ variants: "seed athm-3, strict phoneNumber=zero" })
    const bad = await call("POST", `${sb.url}/sandbox/control/variants`, { strict: "phoneNumber=fax" })
    expect(bad.status).toBe(400)
    expect(bad.body.error).toContain('variant phoneNumber has no option "fax"')
    expect((await call("GET", `${sb.url}/sandbox/control/variants`)).body.variants).toBe("seed athm-3, strict phoneNumber=zero")
    expect((await call("POST", `${sb.url}/sandbox/control/variants`, {})).body).toEqual({ variants: "off" })
  })
})
