import { startSandbox, type AthSandbox } from "../../../sandbox"
import AthMovilProviderService from "../service"

/**
 * The provider on its own: the real class and the real ATH client against the sandbox (a real HTTP
 * server, faults included), with no Medusa around it — so each answer it gives Medusa can be
 * traced to what ATH said. Refunds, which need Medusa's refund rows and the ticket lock, are
 * covered through the real runner (integration-tests/http/refunds, trust-refunds).
 */

const PHONE = "7875551234"
let sb: AthSandbox
const warnings: string[] = []
const logger = { warn: (m: string) => warnings.push(m), info: () => {}, error: () => {}, debug: () => {} }

beforeAll(async () => {
  sb = await startSandbox({ port: 0, clock: "manual" })
})
afterAll(() => sb.stop())
beforeEach(() => {
  sb.reset()
  warnings.length = 0
})

function provider() {
  return new AthMovilProviderService({ logger } as never, {
    ...sb.tokens,
    apiBaseUrl: sb.apiBaseUrl,
    reportBaseUrl: sb.reportBaseUrl,
    requestTimeoutMs: 2000,
  })
}

async function started(p = provider(), data: Record<string, unknown> = {}) {
  const out = await p.initiatePayment({
    amount: 25.5,
    currency_code: "usd",
    data: { phone_number: PHONE, session_id: "payses_unit_1", ...data },
  } as never)
  return { p, out, ecommerceId: out.id, data: out.data as Record<string, unknown> }
}

describe("initiatePayment", () => {
  it("refuses what ATH cannot take, naming the rule, before calling ATH", async () => {
    const p = provider()
    await expect(p.initiatePayment({ amount: 10, currency_code: "eur", data: { phone_number: PHONE } } as never)).rejects.toMatchObject({
      code: "currency_not_usd",
      message: "ATH Móvil only takes payments in US dollars; this cart is in EUR.",
    })
    await expect(p.initiatePayment({ amount: 0.99, currency_code: "usd", data: { phone_number: PHONE } } as never)).rejects.toMatchObject({
      code: "total_below_minimum",
      message: "ATH Móvil needs a total of at least $1.00; this cart's total is $0.99.",
    })
    await expect(p.initiatePayment({ amount: 1500.01, currency_code: "usd", data: { phone_number: PHONE } } as never)).rejects.toMatchObject({
      code: "total_above_maximum",
      message: expect.stringMatching(/up to \$1500\.00; this cart's total is \$1500\.01\./),
    })
    expect(sb.callCount()).toBe(0)
  })

  it("opens one ticket for the amount and phone, keeps the ATH token sealed, and stores no key it did not write", async () => {
    const { ecommerceId, data } = await started(undefined, { refunds: [{ amount: "1000.00" }], customer_name: "Mallory", reference_number: "forged" })
    const ticket = sb.getTicket(ecommerceId)!
    expect(ticket).toMatchObject({ status: "OPEN", total: "25.50", phoneNumber: PHONE, metadata1: "payses_unit_1" })
    expect(data).toMatchObject({ ecommerce_id: ecommerceId, athm_status: "OPEN", phone_last4: "1234", amount: "25.50" })
    expect(typeof data.auth_token_enc).toBe("string")
    expect(JSON.stringify(data)).not.toContain("Mallory")
    expect(data.reference_number).toBeUndefined()
    expect(data.refunds).toBeUndefined()
    expect(warnings.join("\n")).toMatch(/dropped payment session data a storefront may not send: .*refunds/)
  })
})

describe("authorizePayment at each ATH status", () => {
  it("waits while OPEN, debits once when CONFIRM, and stays captured without debiting again", async () => {
    const { p, ecommerceId, data } = await started()
    expect((await p.authorizePayment({ data } as never)).status).toBe("requires_more")
    sb.approve({ ecommerceId })
    const first = await p.authorizePayment({ data } as never)
    expect(first.status).toBe("captured")
    expect(first.data).toMatchObject({ athm_status: "COMPLETED", reference_number: sb.getTicket(ecommerceId)!.referenceNumber })
    const again = await p.authorizePayment({ data: first.data } as never)
    expect(again.status).toBe("captured")
    expect(sb.getTicket(ecommerceId)).toMatchObject({ status: "COMPLETED", authorizationCount: 1 })
  })

  it("answers canceled for a rejected ticket, and never carries refunds a session was given", async () => {
    const { p, ecommerceId, data } = await started()
    sb.reject({ ecommerceId })
    const out = await p.authorizePayment({ data: { ...data, refunds: [{ amount: "9.99" }], refunded_total: "9.99" } } as never)
    expect(out.status).toBe("canceled")
    expect(out.data?.refunds).toBeUndefined()
    expect(out.data?.refunded_total).toBeUndefined()
  })

  it("settles a lost /authorization answer by reading the ticket, never by calling /authorization again", async () => {
    const { p, ecommerceId, data } = await started()
    sb.approve({ ecommerceId })
    // ATH debits the shopper, then the connection drops before its answer arrives.
    sb.setFault("authorization", { commitThenDrop: true, times: 1 })
    const out = await p.authorizePayment({ data } as never)
    expect(out.status).toBe("captured")
    expect(sb.getTicket(ecommerceId)).toMatchObject({ status: "COMPLETED", authorizationCount: 1 })
    expect(sb.callCount("authorization")).toBe(1)
  })

  it("leaves an approved ticket approved when /authorization fails before ATH acts, and debits it on the next attempt", async () => {
    const { p, ecommerceId, data } = await started()
    sb.approve({ ecommerceId })
    sb.setFault("authorization", { status: 503, times: 1 })
    const out = await p.authorizePayment({ data } as never)
    expect(out.status).toBe("requires_more")
    expect(sb.getTicket(ecommerceId)!.status).toBe("CONFIRM")
    expect(warnings.join("\n")).toMatch(/no confirmed outcome/)
    expect((await p.authorizePayment({ data: out.data } as never)).status).toBe("captured")
    expect(sb.getTicket(ecommerceId)).toMatchObject({ status: "COMPLETED" })
  })

  it("names the action and asks to try again when ATH cannot be reached, without moving money", async () => {
    const { p, ecommerceId, data } = await started()
    sb.approve({ ecommerceId })
    sb.setFault("findPayment", { status: 503 })
    await expect(p.authorizePayment({ data } as never)).rejects.toThrow(/not reachable right now .* check the payment; please try again/)
    expect(sb.getTicket(ecommerceId)).toMatchObject({ status: "CONFIRM", authorizationCount: 0 })
  })
})

describe("cancelPayment", () => {
  it("cancels an open ticket at ATH, and refuses a paid one with the fix", async () => {
    const { p, ecommerceId, data } = await started()
    const out = await p.cancelPayment({ data } as never)
    expect(out.data).toMatchObject({ athm_status: "CANCEL" })
    expect(out.data?.auth_token_enc).toBeUndefined()
    expect(sb.getTicket(ecommerceId)!.status).toBe("CANCEL")
    // Cancelling again is tolerated: already done.
    expect((await p.cancelPayment({ data: out.data } as never)).data).toMatchObject({ athm_status: "CANCEL" })

    const paid = await started(p, { session_id: "payses_unit_2" })
    sb.approve({ ecommerceId: paid.ecommerceId })
    await p.authorizePayment({ data: paid.data } as never)
    await expect(p.cancelPayment({ data: paid.data } as never)).rejects.toThrow(/already completed: the shopper has paid\. Refund it instead/)
    expect(sb.getTicket(paid.ecommerceId)!.status).toBe("COMPLETED")
  })

  it("accepts a lost cancel answer once ATH shows the ticket cancelled", async () => {
    const { p, ecommerceId, data } = await started()
    sb.setFault("cancel", { commitThenDrop: true, times: 1 })
    const out = await p.cancelPayment({ data } as never)
    expect(out.data).toMatchObject({ athm_status: "CANCEL" })
    expect(sb.getTicket(ecommerceId)!.status).toBe("CANCEL")
  })
})

describe("updatePayment (the shopper's phone)", () => {
  it("moves an open ticket to another phone, and refuses once the shopper has approved", async () => {
    const { p, ecommerceId, data } = await started()
    const out = await p.updatePayment({ data: { ...data, phone_number: "939-555-0100" }, amount: 25.5, currency_code: "usd" } as never)
    expect(out.data).toMatchObject({ phone_last4: "0100" })
    expect(sb.getTicket(ecommerceId)!.phoneNumber).toBe("9395550100")

    sb.approve({ ecommerceId })
    await expect(
      p.updatePayment({ data: { ...out.data, phone_number: "7875550199" }, amount: 25.5, currency_code: "usd" } as never)
    ).rejects.toThrow(/can only be changed while the payment waits for approval; this ATH Móvil payment is CONFIRM/)
    expect(sb.getTicket(ecommerceId)!.phoneNumber).toBe("9395550100")
  })
})
