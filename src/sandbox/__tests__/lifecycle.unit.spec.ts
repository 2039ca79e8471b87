import { startSandbox, SandboxError, type AthSandbox } from "../index"
import {
  authorize,
  call,
  completePayment,
  createPayment,
  expectError,
  findPayment,
  getWithBody,
  paymentRequest,
  prTime,
  refund,
  startListener,
  subscribe,
  type Listener,
} from "./helpers"

const OTHER = { publicToken: "other-public", privateToken: "other-private", businessName: "Other Shop" }

let sb: AthSandbox
let listener: Listener

beforeAll(async () => {
  sb = await startSandbox({
    clock: "manual",
    merchants: [{ publicToken: "pub-A", privateToken: "priv-A", businessName: "Tienda Sandbox" }, OTHER],
  })
  listener = await startListener()
})

afterAll(async () => {
  await sb.stop()
  await listener.close()
})

beforeEach(() => {
  sb.reset()
  listener.received.length = 0
})

describe("happy path with partial refunds", () => {
  it("create → approve → authorize → refund partial → refund rest → over-refund rejected", async () => {
    const created = await createPayment(sb, { total: "24.00" })
    expect((await findPayment(sb, created.ecommerceId)).body.data.ecommerceStatus).toBe("OPEN")

    expect(sb.approve({ phoneNumber: "7875551234" }).status).toBe("CONFIRM")
    expect((await findPayment(sb, created.ecommerceId)).body.data.ecommerceStatus).toBe("CONFIRM")

    const auth = await authorize(sb, created.authToken)
    expect(auth.status).toBe(200)
    const data = auth.body.data
    expect(data).toMatchObject({
      ecommerceStatus: "COMPLETED",
      ecommerceId: created.ecommerceId,
      dailyTransactionId: "0001",
      businessName: "Tienda Sandbox",
      businessPath: "TiendaSandbox",
      total: 24,
      subTotal: 22,
      tax: 2,
      // 2.50 % of 24.00 = 0.60, serialised through a 32-bit float like ATH does.
      fee: 0.6000000238418579,
      netAmount: 23.4,
      totalRefundedAmount: 0,
      transactionDate: prTime(sb.now()),
    })
    expect(data.referenceNumber).toMatch(/^\d{9}-[0-9a-f]{32}$/)
    expect(data.items).toEqual([
      { name: "Mug", description: "Coffee mug", quantity: 2, price: 11, tax: 1, metadata: "sku-mug", formattedPrice: "", sku: "" },
    ])

    const first = await refund(sb, data.referenceNumber, "10.00", "Damaged mug")
    expect(first.status).toBe(200)
    expect(first.body.data.refund).toMatchObject({
      transactionType: "REFUND",
      status: "COMPLETED",
      refundedAmount: 10,
      dailyTransactionID: "0002",
      phoneNumber: "(787) 555-1234",
    })
    expect(first.body.data.refund.referenceNumber).not.toBe(data.referenceNumber)
    expect(first.body.data.refund.date).toBe(String(sb.now().getTime()))
    expect(first.body.data.originalTransaction).toMatchObject({
      transactionType: "PAYMENT",
      referenceNumber: data.referenceNumber,
      dailyTransactionID: "0001",
      total: 24,
      subtotal: 22,
      totalRefundedAmount: 10,
    })
    expect((await findPayment(sb, created.ecommerceId)).body.data.totalRefundedAmount).toBe(10)

    const rest = await refund(sb, data.referenceNumber, 14)
    expect(rest.status).toBe(200)
    expect(rest.body.data.originalTransaction.totalRefundedAmount).toBe(24)
    expect(rest.body.data.refund.referenceNumber).not.toBe(first.body.data.refund.referenceNumber)

    expectError(await refund(sb, data.referenceNumber, "0.01"), "BTRA_0030", 409)

    const snap = sb.getTicket(created.ecommerceId)!
    expect(snap).toMatchObject({
      status: "COMPLETED",
      fee: "0.60",
      netAmount: "23.40",
      totalRefundedAmount: "24.00",
      authorizationCount: 1,
      referenceNumber: data.referenceNumber,
      dailyTransactionId: "0001",
    })
    expect(snap.refunds.map((r) => [r.amount, r.via, r.originalReferenceNumber])).toEqual([
      ["10.00", "api", data.referenceNumber],
      ["14.00", "api", data.referenceNumber],
    ])
  })

  it("computes the fee with half-up rounding and a configurable rate", async () => {
    const custom = await startSandbox({ feePercent: "2.9", feeFixed: "0.30", clock: "manual" })
    try {
      const { data } = await completePayment(custom, { total: "10.00", subtotal: "10.00", tax: "0.00", items: [] })
      // 2.9 % of 10.00 = 0.29, + 0.30 fixed = 0.59
      expect(data.fee).toBe(Math.fround(0.59))
      expect(data.netAmount).toBe(9.41)
    } finally {
      await custom.stop()
    }
  })

  it("numbers transactions per Puerto Rico day", async () => {
    const a = await completePayment(sb)
    const b = await completePayment(sb)
    expect([a.data.dailyTransactionId, b.data.dailyTransactionId]).toEqual(["0001", "0002"])
    await sb.advanceTime(86_400)
    const c = await completePayment(sb)
    expect(c.data.dailyTransactionId).toBe("0001")
  })

  it("cancels on merchant request, idempotently, without a webhook", async () => {
    await subscribe(sb, listener.url)
    const { ecommerceId } = await createPayment(sb)
    const body = { ecommerceId, publicToken: sb.tokens.publicToken }
    expect((await call("POST", `${sb.apiBaseUrl}/business/cancel`, body)).body).toEqual({ status: "success", data: "Payment Cancelled." })
    expect((await call("POST", `${sb.apiBaseUrl}/business/cancel`, body)).status).toBe(200)
    expect(sb.getTicket(ecommerceId)).toMatchObject({ status: "CANCEL", cancelledBy: "merchant", expired: false })
    await sb.flushWebhooks()
    expect(listener.received).toHaveLength(0)
  })
})

describe("error codes", () => {
  const pay = (overrides: Record<string, unknown>) => call("POST", `${sb.apiBaseUrl}/payment`, paymentRequest(sb, overrides))

  it("validates POST /payment amounts", async () => {
    expectError(await pay({ total: "0.99" }), "BTRA_0001", 400)
    expectError(await pay({ total: "-5.00" }), "BTRA_0001", 400)
    expectError(await pay({ total: "1500.01" }), "BTRA_0004", 409)
    expectError(await pay({ total: "0.00" }), "BTRA_0013", 400)
    expectError(await pay({ total: 0 }), "BTRA_0013", 400)
    expectError(await pay({ total: "1.001" }), "BTRA_0020", 400)
    expectError(await pay({ total: "10000.00" }), "BTRA_0020", 400)
    expectError(await pay({ tax: "1.234" }), "BTRA_0020", 400)
    expectError(await pay({ total: "ten" }), "BTRA_0006", 400)
    expectError(await pay({ total: undefined }), "BTRA_0019", 400)
    expect((await pay({ total: "1.00" })).status).toBe(200)
    expect((await pay({ total: 1500 })).status).toBe(200)
  })

  it("validates metadata, phone, items and the body", async () => {
    expectError(await pay({ metadata1: "x".repeat(41) }), "BTRA_0038", 400)
    expectError(await pay({ metadata2: "y".repeat(41) }), "BTRA_0038", 400)
    expect((await pay({ metadata1: "x".repeat(40), metadata2: "" })).status).toBe(200)
    expectError(await pay({ metadata2: undefined }), "BTRA_0019", 400)
    expectError(await pay({ phoneNumber: "787555123" }), "BTRA_0006", 400)
    expectError(await pay({ items: [{ name: "x", quantity: 0, price: "1.00" }] }), "BTRA_0006", 400)
    expect((await pay({ phoneNumber: 7875551234 })).status).toBe(200)
    expect((await pay({ phoneNumber: "" })).status).toBe(200)
    expect((await pay({ items: [{ name: "n", quantity: 1, price: 2, tax: null, metadata: null }] })).status).toBe(200)

    const missing = await call("POST", `${sb.apiBaseUrl}/payment`)
    expectError(missing, "BTRA_0006", 400)
    expect(missing.body.message).toBe("Required request body is missing")
    expectError(await call("POST", `${sb.apiBaseUrl}/payment`, "{not json"), "BTRA_0006", 400)
    expectError(await call("POST", `${sb.apiBaseUrl}/payment`, "[1,2]"), "BTRA_0006", 400)
    expectError(await call("POST", `${sb.apiBaseUrl}/business/findPayment`), "BTRA_0006", 400)
    expectError(await call("POST", `${sb.apiBaseUrl}/refund`, ""), "BTRA_0006", 400)
  })

  it("clamps out-of-range timeouts to 120–600 s and rejects non-numbers", async () => {
    const cases: Array<[unknown, number]> = [["5000", 600], [30, 120], ["-5", 120], ["300", 300], [undefined, 600]]
    for (const [timeout, seconds] of cases) {
      const { ecommerceId } = await createPayment(sb, { timeout })
      const t = sb.getTicket(ecommerceId)!
      expect((t.expiresAt.getTime() - t.createdAt.getTime()) / 1000).toBe(seconds)
    }
    expectError(await pay({ timeout: "ten minutes" }), "BTRA_0006", 400)
  })

  it("rejects unknown tokens and other businesses' tickets", async () => {
    expectError(await pay({ publicToken: "nope" }), "BTRA_0017", 401)
    expectError(await pay({ publicToken: undefined }), "BTRA_0019", 400)
    const { ecommerceId } = await createPayment(sb)
    expectError(await findPayment(sb, ecommerceId, "nope"), "BTRA_0017", 401)
    expectError(await findPayment(sb, ecommerceId, OTHER.publicToken), "BTRA_0043", 403)
    expectError(await findPayment(sb, "00000000-0000-4000-8000-000000000000"), "BTRA_0031", 404)
    expectError(
      await call("POST", `${sb.apiBaseUrl}/business/cancel`, { ecommerceId, publicToken: OTHER.publicToken }),
      "BTRA_0043",
      403,
    )

    const { data } = await completePayment(sb)
    const wrongPrivate = await call("POST", `${sb.apiBaseUrl}/refund`, {
      publicToken: sb.tokens.publicToken,
      privateToken: OTHER.privateToken,
      referenceNumber: data.referenceNumber,
      amount: "1.00",
    })
    expectError(wrongPrivate, "BTRA_0017", 401)
    const otherBusiness = await call("POST", `${sb.apiBaseUrl}/refund`, {
      ...OTHER,
      referenceNumber: data.referenceNumber,
      amount: "1.00",
    })
    expectError(otherBusiness, "BTRA_0053", 404)
  })

  it("enforces the authorization state machine", async () => {
    const open = await createPayment(sb)
    expectError(await authorize(sb, open.authToken), "BTRA_0032", 409)

    const rejected = await createPayment(sb)
    sb.reject({ ecommerceId: rejected.ecommerceId })
    expectError(await authorize(sb, rejected.authToken), "BTRA_0037", 409)

    const cancelled = await createPayment(sb)
    await call("POST", `${sb.apiBaseUrl}/business/cancel`, { ecommerceId: cancelled.ecommerceId, publicToken: sb.tokens.publicToken })
    expectError(await authorize(sb, cancelled.authToken), "BTRA_0037", 409)

    const twice = await completePayment(sb)
    expectError(await authorize(sb, twice.authToken), "BTRA_0035", 409)
    expect(sb.getTicket(twice.ecommerceId)!.authorizationCount).toBe(2)
    expectError(
      await call("POST", `${sb.apiBaseUrl}/business/cancel`, { ecommerceId: twice.ecommerceId, publicToken: sb.tokens.publicToken }),
      "BTRA_0035",
      409,
    )

    const late = await createPayment(sb, { timeout: 120 })
    sb.approve({ ecommerceId: late.ecommerceId })
    await sb.advanceTime(121)
    expectError(await authorize(sb, late.authToken), "BTRA_0039", 409)
  })

  it("checks the bearer token", async () => {
    const a = await createPayment(sb)
    const b = await createPayment(sb)
    sb.approve({ ecommerceId: a.ecommerceId })

    const none = await call("POST", `${sb.apiBaseUrl}/authorization`)
    expectError(none, "token.invalid.header", 401)
    expect(none.body.message).toBe("No authorization header present.")
    expectError(await call("POST", `${sb.apiBaseUrl}/authorization`, undefined, { authorization: "Basic abc" }), "BTRA_0403", 401)
    expectError(await authorize(sb, "not-a-jwt"), "BTRA_0401", 401)

    const [h, p] = a.authToken.split(".")
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, "base64url").toString()), ecommerceId: b.ecommerceId }))
    expectError(await authorize(sb, `${h}.${forged.toString("base64url")}.${a.authToken.split(".")[2]}`), "BTRA_0401", 401)

    const elsewhere = await startSandbox({ clock: "manual" })
    try {
      const foreign = await createPayment(elsewhere)
      expectError(await authorize(sb, foreign.authToken), "BTRA_0401", 401)
    } finally {
      await elsewhere.stop()
    }

    // b's token cannot authorize a, even when the body names a.
    expectError(await authorize(sb, b.authToken, { ecommerceId: a.ecommerceId }), "BTRA_0401", 401)
    expect((await authorize(sb, a.authToken, { ecommerceId: a.ecommerceId })).status).toBe(200)
  })

  it("expires the token after 900 s by the sandbox clock", async () => {
    const { ecommerceId, authToken } = await createPayment(sb)
    sb.approve({ ecommerceId })
    await sb.advanceTime(899)
    // The ticket expired at 600 s, but the token is still valid: the ticket error wins.
    expectError(await authorize(sb, authToken), "BTRA_0039", 409)
    await sb.advanceTime(2)
    const res = await authorize(sb, authToken)
    expectError(res, "token.expired", 401)
    expect(res.body.message).toMatch(/^The Token has expired on .* AST \d{4}\.$/)
  })

  it("validates refunds", async () => {
    const { data } = await completePayment(sb)
    expectError(await refund(sb, data.referenceNumber, "0.00"), "BTRA_0028", 400)
    expectError(await refund(sb, data.referenceNumber, "1.001"), "BTRA_0020", 400)
    expectError(await refund(sb, data.referenceNumber, "1.00", "m".repeat(51)), "BTRA_0040", 400)
    expect((await refund(sb, data.referenceNumber, "1.00", "m".repeat(50))).status).toBe(200)
    expectError(await refund(sb, "215070443-402894c185ab1be40185acfe61c2000b", "1.00"), "BTRA_0053", 404)
    expectError(await refund(sb, data.referenceNumber, "23.01"), "BTRA_0030", 409)

    const open = await createPayment(sb)
    const ticketRef = sb.getTicket(open.ecommerceId)!.referenceNumber
    expect(ticketRef).toBeNull()
  })

  it("validates transaction report ranges", async () => {
    const report = (fromDate: unknown, toDate: unknown) =>
      getWithBody(`${sb.reportBaseUrl}/transactions/v4/transactionReport`, {
        publicToken: sb.tokens.publicToken,
        privateToken: sb.tokens.privateToken,
        fromDate,
        toDate,
      })
    const now = sb.now().getTime()
    const at = (offsetS: number) => prTime(new Date(now + offsetS * 1000))
    expectError(await report("2024-13-01 00:00:00", at(0)), "BTRA_0023", 400)
    expectError(await report(at(-60), "yesterday"), "BTRA_0024", 400)
    expectError(await report(at(-60), at(-120)), "BTRA_0025", 400)
    const tooLong = await report(at(-32 * 86_400), at(0))
    expectError(tooLong, "BTRA_0026", 400)
    expect(tooLong.body.message).toBe("The difference between dates must be lower than 31 days")
    expectError(await report(at(60), at(120)), "BTRA_0047", 400)
    expectError(await report(at(-60), at(60)), "BTRA_0048", 400)
    expectError(await report(at(-60), at(0)), "BTRA_0046", 404)
    const wrongKey = await getWithBody(`${sb.reportBaseUrl}/transactions/v4/transactionReport`, {
      publicToken: sb.tokens.publicToken,
      privateToken: "wrong",
      fromDate: at(-60),
      toDate: at(0),
    })
    expectError(wrongKey, "BTRA_0017", 401)
  })

  it("answers unknown paths and methods with an error envelope", async () => {
    expectError(await call("POST", `${sb.apiBaseUrl}/nope`, {}), "NOT_FOUND", 404)
    expectError(await call("GET", `${sb.apiBaseUrl}/payment`), "METHOD_NOT_ALLOWED", 405)
    expect(sb.requestLog.map((e) => e.route)).toEqual(["unknown", "unknown"])
  })
})

describe("options", () => {
  it("rejects invalid options", async () => {
    await expect(startSandbox({ port: -1 })).rejects.toThrow(/invalid port/)
    await expect(startSandbox({ reportMaxDays: 0 })).rejects.toThrow(/reportMaxDays/)
    await expect(startSandbox({ feePercent: "two" })).rejects.toThrow(/feePercent/)
    await expect(startSandbox({ webhookGeneration: "2030" as never })).rejects.toThrow(/webhookGeneration/)
    await expect(startSandbox({ merchants: [] })).rejects.toThrow(/merchants/)
    await expect(startSandbox({ variants: { strict: "fee.number=round" } })).rejects.toThrow(/fee.number has no option "round"/)
    // Each attempt generates an RSA key before the options are checked: slow on a loaded machine.
  }, 30_000)
})

describe("expiry", () => {
  it("expires OPEN and CONFIRM tickets at created + timeout and sends the legacy expired webhook", async () => {
    await subscribe(sb, listener.url)
    const open = await createPayment(sb, { timeout: 120, metadata1: "open-one" })
    const confirmed = await createPayment(sb, { timeout: 300, metadata1: "confirmed-one" })
    sb.approve({ ecommerceId: confirmed.ecommerceId })

    await sb.advanceTime(119)
    expect(sb.getTicket(open.ecommerceId)!.status).toBe("OPEN")
    await sb.advanceTime(1)
    const res = await findPayment(sb, open.ecommerceId)
    expect(res.body.data.ecommerceStatus).toBe("CANCEL")
    expect(sb.getTicket(open.ecommerceId)).toMatchObject({ status: "CANCEL", expired: true, cancelledBy: "expiry" })

    await sb.advanceTime(200)
    expect(sb.getTicket(confirmed.ecommerceId)).toMatchObject({ status: "CANCEL", expired: true })
    await sb.flushWebhooks()
    const bodies = listener.received.map((r) => r.body)
    expect(bodies.map((b) => [b.transactionType, b.status, b.metadata1])).toEqual([
      ["ecommerce", "expired", "open-one"],
      ["ecommerce", "expired", "confirmed-one"],
    ])
    expect(bodies.every((b) => !("ecommerceId" in b))).toBe(true)
    expect(() => sb.approve({ ecommerceId: open.ecommerceId })).toThrow(SandboxError)
  })

  it("sweeps expiries in real-clock mode without any request", async () => {
    const real = await startSandbox()
    const realListener = await startListener()
    try {
      await subscribe(real, realListener.url)
      await createPayment(real, { timeout: 120 })
      // The real clock reads Date.now(); timers do not, so the 1 s sweep still fires.
      const later = Date.now() + 121_000
      jest.spyOn(Date, "now").mockImplementation(() => later)
      await realListener.waitFor(1, 5000)
      expect(realListener.received[0].body.status).toBe("expired")
    } finally {
      jest.restoreAllMocks()
      await real.stop()
      await realListener.close()
    }
  }, 15_000)
})

describe("phone number changes", () => {
  it("re-sends the push to the new phone and refuses the old one", async () => {
    const { ecommerceId, authToken } = await createPayment(sb, { phoneNumber: "7875550001" })
    const update = (body: unknown, token = authToken) =>
      call("PUT", `${sb.apiBaseUrl}/business/updatePhoneNumber`, body, { authorization: `Bearer ${token}` })

    expectError(await update({ ecommerceId, phoneNumber: "12" }), "BTRA_0006", 400)
    expectError(await call("PUT", `${sb.apiBaseUrl}/business/updatePhoneNumber`, { ecommerceId, phoneNumber: "7875550002" }), "token.invalid.header", 401)
    const other = await createPayment(sb)
    expectError(await update({ ecommerceId: other.ecommerceId, phoneNumber: "7875550002" }), "BTRA_0401", 401)

    expect((await update({ ecommerceId, phoneNumber: "7875550002" })).body).toEqual({ status: "success", data: "Update Phone Number" })

    let err: unknown
    try {
      sb.approve({ phoneNumber: "7875550001" })
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(SandboxError)
    expect((err as SandboxError).code).toBe("BTRA_0036")
    expect(() => sb.approve({ ecommerceId, phoneNumber: "7875550001" } as { ecommerceId: string })).toThrow(SandboxError)
    const viaHttp = await call("POST", `${sb.url}/sandbox/customer/approve`, { phoneNumber: "7875550001" })
    expect(viaHttp.status).toBe(409)
    expect(viaHttp.body.code).toBe("BTRA_0036")

    const approved = sb.approve({ phoneNumber: "7875550002" })
    expect(approved).toMatchObject({ ecommerceId, status: "CONFIRM", phoneNumber: "7875550002", phoneHistory: ["7875550001", "7875550002"] })
    expectError(await update({ ecommerceId, phoneNumber: "7875550003" }), "BTRA_0035", 409)
  })

  it("cannot approve a ticket nobody was pushed to", async () => {
    const { ecommerceId } = await createPayment(sb, { phoneNumber: "" })
    expect(() => sb.approve({ ecommerceId })).toThrow(/no phone number/)
  })
})
