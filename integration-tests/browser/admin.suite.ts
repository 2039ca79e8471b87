/**
 * The admin as a merchant uses it, in a real Chromium against the demo stack's Medusa with the
 * built dashboard (helpers/demo-stack.ts: migrations, seeded USD region with ATH Móvil, the
 * sandbox, Medusa with the admin at /app). Each test leaves a screenshot in __screenshots__/.
 * Run by demo-stack.spec.ts, before the demo storefront's purchases: the Customers tab's first
 * row is this suite's shopper.
 */
import fs from "node:fs"
import path from "node:path"
import Medusa from "@medusajs/js-sdk"
import type { BrowserContext, Page } from "playwright-core"
import type { DemoStack, DemoStackFixture } from "../helpers/demo-stack"

interface Ticket {
  ecommerceId: string
  referenceNumber: string
  fee: string
  netAmount: string
  total: string
  totalRefundedAmount: string
  refunds: Array<{ referenceNumber: string; amount: string; via: string }>
}

const SCREENSHOTS = path.join(__dirname, "__screenshots__")
const ATH_PROVIDER_ID = "pp_athmovil_athmovil"

let stack: DemoStack
let context: BrowserContext
let page: Page
let adminToken: string
const order: { id: string; paymentId: string; ecommerceId: string; total: number } = { id: "", paymentId: "", ecommerceId: "", total: 0 }

async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, { ...init, headers: { "content-type": "application/json", ...(init.headers ?? {}) } })
  const body = await res.json().catch(() => ({}))
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${url} → ${res.status} ${JSON.stringify(body)}`)
  return body as T
}

const sandbox = {
  ticket: (ecommerceId: string) => json<Ticket>(`${stack.sandboxUrl}/sandbox/control/tickets/${ecommerceId}`),
  approve: (ecommerceId: string) => json(`${stack.sandboxUrl}/sandbox/customer/approve`, { method: "POST", body: JSON.stringify({ ecommerceId }) }),
  refund: (referenceNumber: string, amount: string) =>
    json<{ referenceNumber: string }>(`${stack.sandboxUrl}/sandbox/control/refund`, {
      method: "POST",
      body: JSON.stringify({ referenceNumber, amount, message: "Devuelto en la tienda" }),
    }),
  counts: async () => (await json<{ counts: Record<string, number> }>(`${stack.sandboxUrl}/sandbox/control/requests`)).counts,
}

const adminApi = <T>(pathname: string, init: RequestInit = {}) =>
  json<T>(`${stack.medusaUrl}${pathname}`, { ...init, headers: { authorization: `Bearer ${adminToken}` } })

const money = (amount: string | number) => `$${Number(amount).toFixed(2)}`

/** The page as the merchant sees it, and (for the widget) the whole widget on its own. */
async function shot(name: string, testId?: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: path.join(SCREENSHOTS, `admin-${name}.png`) })
  if (testId) await page.getByTestId(testId).first().screenshot({ path: path.join(SCREENSHOTS, `admin-${name}-${testId}.png`) })
}

/** A shopper pays with ATH Móvil through the Store API; the sandbox "phone" approves. */
async function placeAthOrder() {
  const sdk = new Medusa({ baseUrl: stack.medusaUrl, publishableKey: stack.publishableKey })
  const { products } = await sdk.store.product.list({ region_id: stack.regionId, limit: 20, fields: "*variants,*variants.calculated_price" })
  const variant = products
    .flatMap((p) => p.variants ?? [])
    .find((v) => Number((v as { calculated_price?: { calculated_amount?: number } }).calculated_price?.calculated_amount ?? 0) >= 10)!
  const address = { first_name: "Jane", last_name: "Rivera", address_1: "1 Calle Fortaleza", city: "San Juan", postal_code: "00901", country_code: "pr" }
  const { cart } = await sdk.store.cart.create({
    region_id: stack.regionId,
    email: "jane@example.com",
    items: [{ variant_id: variant.id, quantity: 1 }],
    shipping_address: address,
    billing_address: address,
  })
  const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: cart.id })
  const { cart: ready } = await sdk.store.cart.addShippingMethod(cart.id, { option_id: shipping_options[0].id })
  const { payment_collection } = await sdk.store.payment.initiatePaymentSession(ready as never, {
    provider_id: ATH_PROVIDER_ID,
    data: { phone_number: stack.phoneNumber, cart_id: cart.id },
  })
  const session = payment_collection.payment_sessions!.find((s) => s.provider_id === ATH_PROVIDER_ID)!
  const ecommerceId = (session.data as { ecommerce_id: string }).ecommerce_id
  await sandbox.approve(ecommerceId)
  const done = await sdk.store.cart.complete(cart.id)
  if (done.type !== "order") throw new Error(`checkout did not place an order: ${JSON.stringify(done)}`)
  const placed = (done as { order: { id: string; total: number } }).order
  const { order: detail } = await adminApi<{ order: { payment_collections: Array<{ payments: Array<{ id: string }> }> } }>(
    `/admin/orders/${placed.id}?fields=*payment_collections.payments`
  )
  return { id: placed.id, total: placed.total, ecommerceId, paymentId: detail.payment_collections[0].payments[0].id }
}

async function openOrder(orderId: string) {
  await page.goto(`${stack.adminUrl}/orders/${orderId}`)
  await page.getByTestId("athmovil-reference-number").waitFor({ timeout: 60_000 })
}

/** Waits until the widget's value (full value in data-value, else the text) satisfies `check`. */
async function widgetValue(testId: string, check: (v: string) => boolean, timeout = 30_000): Promise<string> {
  let last = ""
  const deadline = Date.now() + timeout
  while (Date.now() < deadline) {
    const el = page.getByTestId(testId).first()
    if (await el.count()) {
      last = (await el.getAttribute("data-value")) ?? (await el.innerText())
      if (check(last)) return last
    }
    await page.waitForTimeout(250)
  }
  throw new Error(`${testId} never matched; last value "${last}"`)
}

/** The admin's tests, on the file's demo stack and Chromium. */
export function adminSuite(demo: DemoStackFixture): void {
  beforeAll(async () => {
    stack = demo.stack
    adminToken = (await json<{ token: string }>(`${stack.medusaUrl}/auth/user/emailpass`, { method: "POST", body: JSON.stringify(stack.admin) })).token
    context = await demo.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: "en-US", timezoneId: "America/Puerto_Rico" })
    page = await context.newPage()
    page.setDefaultTimeout(30_000)
  })

  afterAll(async () => {
    await context?.close().catch(() => {})
  })

  it("shows the ATH reference number, fee and net of an order paid with ATH Móvil", async () => {
    Object.assign(order, await placeAthOrder())
    const ticket = await sandbox.ticket(order.ecommerceId)

    await page.goto(`${stack.adminUrl}/login`)
    await page.locator('input[name="email"]').fill(stack.admin.email)
    await page.locator('input[name="password"]').fill(stack.admin.password)
    await page.getByRole("button", { name: "Continue with Email" }).click()
    await page.waitForURL((url) => !url.pathname.endsWith("/login"), { timeout: 60_000 })

    await openOrder(order.id)
    expect(await widgetValue("athmovil-reference-number", (v) => v === ticket.referenceNumber)).toBe(ticket.referenceNumber)
    expect(await widgetValue("athmovil-fee", (v) => v === money(ticket.fee))).toBe(money(ticket.fee))
    expect(await widgetValue("athmovil-net", (v) => v === money(ticket.netAmount))).toBe(money(ticket.netAmount))
    expect(await widgetValue("athmovil-total", (v) => v === money(ticket.total))).toBe(money(ticket.total))
    expect(await page.getByTestId("athmovil-status").getAttribute("data-status")).toBe("completed")
    expect(await page.getByText("Reference number").count()).toBeGreaterThan(0)
    await page.getByTestId("athmovil-widget").scrollIntoViewIfNeeded()
    await shot("01-order-widget", "athmovil-widget")
  })

  it("refunds part of the order through Medusa's refund form; the widget and the sandbox agree", async () => {
    await page.goto(`${stack.adminUrl}/orders/${order.id}/refund?paymentId=${order.paymentId}`)
    const amount = page.locator('input[name="amount"]')
    await amount.waitFor()
    await amount.fill("6.50")
    await page.locator('textarea[name="note"]').fill("Cliente devolvió una taza")
    await page.getByRole("button", { name: "Save" }).click()
    await page.waitForURL((url) => !url.pathname.endsWith("/refund"), { timeout: 60_000 })

    const ticket = await sandbox.ticket(order.ecommerceId)
    expect(ticket.totalRefundedAmount).toBe("6.50")
    expect(ticket.refunds).toEqual([expect.objectContaining({ amount: "6.50", via: "api" })])

    await openOrder(order.id)
    await widgetValue("athmovil-refunded-total", (v) => v === "$6.50")
    const row = page.getByTestId("athmovil-refund-row").first()
    await row.waitFor()
    expect(await row.getAttribute("data-reference")).toBe(ticket.refunds[0].referenceNumber)
    expect(await row.getAttribute("data-amount")).toBe("6.50")
    expect(await page.getByTestId("athmovil-status").getAttribute("data-status")).toBe("partially_refunded")
    await page.getByTestId("athmovil-widget").scrollIntoViewIfNeeded()
    await shot("02-refund-in-widget", "athmovil-widget")
  })

  it("lists the transaction, finds a refund made directly at ATH and fixes it once", async () => {
    await page.goto(`${stack.adminUrl}/athmovil`)
    const ticket = await sandbox.ticket(order.ecommerceId)
    await page.locator(`[data-testid="athmovil-tx-row"][data-reference="${ticket.referenceNumber}"]`).waitFor()
    await shot("03a-transactions")

    // A merchant who has not subscribed refund notices: the refund made in ATH Business reaches
    // Medusa only through reconciliation.
    await adminApi("/admin/athmovil/webhooks/subscribe", { method: "POST", body: JSON.stringify({ events: { refundSent: false } }) })
    const outside = await sandbox.refund(ticket.referenceNumber, "4.25")
    // The report covers up to the previous whole second.
    await page.waitForTimeout(2100)

    await page.getByTestId("athmovil-tab-reconciliation").click()
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Puerto_Rico" }).format(new Date())
    await page.getByTestId("athmovil-rec-from").fill(today)
    await page.getByTestId("athmovil-rec-to").fill(today)
    await page.getByTestId("athmovil-rec-run").click()
    const difference = page.locator(`[data-testid="athmovil-difference"][data-kind="refund_missing_in_medusa"][data-payment-id="${order.paymentId}"]`)
    await difference.waitFor({ timeout: 60_000 })
    expect(await page.getByTestId("athmovil-rec-progress").getAttribute("data-percent")).toBe("100")
    expect(await difference.innerText()).toContain("$4.25")
    await shot("03b-reconciliation-difference")

    await difference.getByTestId("athmovil-fix-button").click()
    await difference.getByText("Fixed").waitFor()
    await shot("03c-reconciliation-fixed")

    const { order: after } = await adminApi<{ order: { payment_collections: Array<{ payments: Array<{ refunds: Array<{ amount: number; note: string }> }> }> } }>(
      `/admin/orders/${order.id}?fields=*payment_collections.payments.refunds`
    )
    const refunds = after.payment_collections[0].payments[0].refunds
    expect(refunds.map((r) => Number(r.amount)).sort()).toEqual([4.25, 6.5])
    expect(refunds.filter((r) => r.note === "Refunded in ATH Business")).toHaveLength(1)
    // ATH refunded once from Medusa (6.50) and once in ATH Business (4.25): nothing twice.
    expect((await sandbox.counts()).refund).toBe(1)
    expect((await sandbox.ticket(order.ecommerceId)).totalRefundedAmount).toBe("10.75")

    await openOrder(order.id)
    await widgetValue("athmovil-refunded-total", (v) => v === "$10.75")
    await page.locator(`[data-testid="athmovil-refund-row"][data-reference="${outside.referenceNumber}"]`).waitFor()

    await adminApi("/admin/athmovil/webhooks/subscribe", { method: "POST", body: JSON.stringify({}) })

    await page.goto(`${stack.adminUrl}/athmovil?tab=webhooks`)
    await page.getByTestId("athmovil-wh-row").first().waitFor()
    await shot("03d-webhook-events")
    await page.getByTestId("athmovil-tab-settings").click()
    await page.locator('[data-testid="athmovil-token-public"][data-state="ok"]').waitFor()
    expect(await page.getByTestId("athmovil-token-private").getAttribute("data-state")).toBe("ok")
    const listener = await page.getByTestId("athmovil-settings-listener-url").innerText()
    expect(listener).toMatch(/\/hooks\/athmovil\/••••\w{4}$/)
    await shot("03e-settings")
    // The go-live check card: one row per check; this stack's listener answers the probe, and it was just subscribed.
    await page.locator('[data-testid="athmovil-go-live-listener_url"][data-ok="true"]').waitFor()
    expect(await page.locator('li[data-testid^="athmovil-go-live-"]').count()).toBe(8)
    expect(await page.getByTestId("athmovil-go-live-webhooks_subscribed").getAttribute("data-ok")).toBe("true")
    expect(await page.getByTestId("athmovil-go-live-clock").getAttribute("data-ok")).toBe("true")
    await page.getByTestId("athmovil-go-live").scrollIntoViewIfNeeded()
    await shot("03f-go-live")
  })

  it("lists every refund and each ATH customer in their own tabs, and downloads the accountant's CSVs", async () => {
    const ticket = await sandbox.ticket(order.ecommerceId)
    await page.goto(`${stack.adminUrl}/athmovil?tab=refunds`)
    const refundRows = page.getByTestId("athmovil-refunds-tab-row")
    await refundRows.first().waitFor()
    const sources = await refundRows.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-source")))
    expect(sources).toContain("medusa")
    expect(sources.some((s) => s === "business_app" || s === "report")).toBe(true)
    await shot("05a-refunds-tab")

    const [refundsCsv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("athmovil-export-refunds").click()])
    const refundsText = fs.readFileSync((await refundsCsv.path())!, "utf8")
    expect(refundsText.split("\n")[0]).toBe("date (AST),source,status,reference,payment reference,order,customer,phone,email,refunded,ATH message,note,reason")
    expect(refundsText).toContain("6.50")
    expect(refundsText).toContain("Cliente devolvió una taza")

    await page.getByTestId("athmovil-tab-customers").click()
    const customer = page.getByTestId("athmovil-customer-row").first()
    await customer.waitFor()
    expect(await customer.innerText()).toContain(money(ticket.total))
    await shot("05b-customers-tab")
    await customer.getByTestId("athmovil-customer-transactions").click()
    await page.locator(`[data-testid="athmovil-tx-row"][data-reference="${ticket.referenceNumber}"]`).waitFor()

    const [txCsv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("athmovil-export-transactions").click()])
    const txText = fs.readFileSync((await txCsv.path())!, "utf8")
    expect(txText.split("\n")[0]).toBe("date (AST),kind,status,reference,ecommerce_id,order,customer,phone,email,subtotal,IVU,total,fee,net,refunded")
    expect(txText).toContain(ticket.referenceNumber)
  })

  it("speaks Spanish when the admin user switches the language", async () => {
    await page.goto(`${stack.adminUrl}/settings/profile/edit`)
    const drawer = page.getByRole("dialog")
    await drawer.getByRole("combobox").click()
    await page.getByRole("option", { name: "Español" }).click()
    await drawer.getByRole("button", { name: "Save" }).click()
    await drawer.waitFor({ state: "hidden" })

    await openOrder(order.id)
    await page.getByText("Número de referencia").waitFor()
    for (const label of ["Cargo de ATH", "Monto neto", "Reembolsado", "Disponible para reembolso", "Reembolsos", "Actualizar desde ATH Móvil"]) {
      expect(await page.getByTestId("athmovil-widget").getByText(label, { exact: true }).count()).toBeGreaterThan(0)
    }
    expect(await page.getByTestId("athmovil-status").innerText()).toBe("Reembolsado en parte")

    await page.getByTestId("athmovil-refresh").click()
    await page.getByText("Detalles de ATH Móvil actualizados").waitFor()
    await shot("04-widget-spanish", "athmovil-widget")

    await page.goto(`${stack.adminUrl}/athmovil?tab=reconciliation`)
    await page.getByText("Conciliar con ATH Móvil").waitFor()
    await page.getByTestId("athmovil-rec-result").waitFor()
    await shot("04b-page-spanish")
  })
}
