/**
 * The demo end to end in Chromium, on the file's demo stack (what `npm run demo` runs): a shopper
 * buying on the demo storefront, the "customer" approving or rejecting on the sandbox phone page,
 * and a payment left to expire.
 *
 * The expiry needs real time: Medusa tells "expired" from "rejected" by its own clock, so the
 * stack runs with the shortest ATH window (120 s) and the expiring payment is started right after
 * the stack is up (`startExpiringPayment`), in its own browser context, while the file's other
 * tests run; the expiry test, last, waits for what is left of the window.
 */
import fs from "node:fs"
import path from "node:path"
import type { Browser, BrowserContext, Page } from "playwright-core"
import type { DemoStack, DemoStackFixture } from "../helpers/demo-stack"

const SHOTS = path.join(__dirname, "__screenshots__")
/** ATH's shortest approval window: the stack's `paymentTimeoutSeconds`. */
export const PAYMENT_TIMEOUT_SECONDS = 120
const EXPIRY_PHONE = "939-555-0177"

let stack: DemoStack
let browser: Browser
let expiring: Promise<{ page: Page; startedAt: number }>

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
}

async function openStore(context: BrowserContext): Promise<Page> {
  const page = await context.newPage()
  await page.goto(stack.storefrontUrl)
  await page.locator("[data-testid=product-card]").first().waitFor()
  return page
}

async function addToCart(page: Page, handle: string) {
  const before = await page.locator("[data-testid=cart-count]").textContent()
  await page.locator(`[data-testid=product-card][data-handle="${handle}"] [data-testid=add-to-cart]`).click()
  await page.waitForFunction(
    (prev) => document.querySelector("[data-testid=cart-count]")?.textContent !== prev,
    before
  )
}

/** Checkout → "Pay with ATH Móvil" → the waiting screen. */
async function pay(page: Page, phone?: string) {
  if (!(await page.locator("[data-testid=checkout-screen]").isVisible())) {
    await page.locator("[data-testid=checkout-button]").click()
  }
  await page.locator("[data-testid=pay-button]:not([disabled])").waitFor()
  if (phone) await page.locator("[data-testid=phone-input]").fill(phone)
  await page.locator("[data-testid=pay-button]").click()
  await page.locator("[data-testid=waiting-screen]").waitFor()
}

/** The shopper's phone: the sandbox page, in a context of its own. */
async function onPhone(action: "approve" | "reject", amount: string, name: string) {
  const context = await browser.newContext({ viewport: { width: 480, height: 720 } })
  try {
    const phone = await context.newPage()
    await phone.goto(stack.phonePageUrl)
    const card = phone.locator("li.payment", { hasText: amount })
    await card.waitFor()
    await shot(phone, name)
    await card.locator(`button[data-action=${action}]`).click()
    await phone.waitForLoadState("load")
  } finally {
    await context.close()
  }
}

async function adminToken(): Promise<string> {
  const res = await fetch(`${stack.medusaUrl}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(stack.admin),
  })
  return (await res.json()).token
}

async function adminOrder(displayId: number) {
  const token = await adminToken()
  const fields = "id,display_id,total,payment_status,*payment_collections,*payment_collections.payments,*payment_collections.payments.captures"
  const res = await fetch(`${stack.medusaUrl}/admin/orders?fields=${encodeURIComponent(fields)}&limit=50`, {
    headers: { authorization: `Bearer ${token}` },
  })
  const { orders } = await res.json()
  return orders.find((o: { display_id: number }) => o.display_id === displayId)
}

async function sandboxTicket(reference: string) {
  const tickets = await (await fetch(`${stack.sandboxUrl}/sandbox/control/tickets?status=COMPLETED`)).json()
  return tickets.find((t: { referenceNumber: string | null }) => t.referenceNumber === reference)
}

/**
 * Puts a payment on the waiting screen for a phone nobody approves from; its window runs out while
 * the file's other tests run. Call it right after the stack is up (the file's `beforeAll`).
 */
export function startExpiringPayment(demo: DemoStackFixture): void {
  fs.mkdirSync(SHOTS, { recursive: true })
  stack = demo.stack
  browser = demo.browser
  expiring = (async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } })
    const page = await openStore(context)
    await addToCart(page, "hamaca-artesanal")
    await pay(page, EXPIRY_PHONE)
    return { page, startedAt: Date.now() }
  })()
  expiring.catch(() => {})
}

/** The demo storefront's tests, the expiry last; `startExpiringPayment` ran in the file's `beforeAll`. */
export function demoStorefrontSuite(): void {
  it("buys on the demo storefront, approved on the phone: order number, ATH reference and a captured payment", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await openStore(context)
    await shot(page, "01-shop")
    await addToCart(page, "cafe-de-puerto-rico")
    await addToCart(page, "guiro")
    await page.locator("[data-testid=checkout-button]").click()
    await page.locator("[data-testid=pay-button]:not([disabled])").waitFor()
    await expect(page.locator("[data-testid=cart-total]").textContent()).resolves.toBe("$51.00")
    await shot(page, "02-checkout")

    await pay(page)
    await expect(page.locator("[data-testid=ath-amount]").textContent()).resolves.toBe("$51.00")
    await expect(page.locator("[data-testid=phone-last4]").textContent()).resolves.toBe(stack.phoneNumber.slice(-4))
    const countdown = page.locator("[data-testid=countdown]")
    const first = (await countdown.textContent())!
    expect(first).toMatch(/^[12]:\d\d$/)
    await page.waitForFunction((prev) => document.querySelector("[data-testid=countdown]")?.textContent !== prev, first)
    await shot(page, "03-waiting")

    await onPhone("approve", "$51.00", "04-phone")
    await page.locator("[data-testid=confirmation-screen]").waitFor({ timeout: 30_000 })
    await shot(page, "05-confirmation")
    const orderNumber = (await page.locator("[data-testid=order-number]").textContent())!
    const reference = (await page.locator("[data-testid=ath-reference]").textContent())!
    expect(orderNumber).toMatch(/^#\d+$/)
    expect(reference).toMatch(/^\d{9}-[0-9a-f]{32}$/)

    const ticket = await sandboxTicket(reference)
    expect(ticket).toMatchObject({ status: "COMPLETED", total: "51.00", phoneNumber: stack.phoneNumber, authorizationCount: 1 })

    const order = await adminOrder(Number(orderNumber.slice(1)))
    expect(order).toMatchObject({ total: 51, payment_status: "captured" })
    const payment = order.payment_collections[0].payments[0]
    expect(payment.provider_id).toBe("pp_athmovil_athmovil")
    expect(payment.captures).toHaveLength(1)
    expect(payment.data.reference_number).toBe(reference)
    await context.close()
  })

  it("shows the rejection, and 'Try again' then pays", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await openStore(context)
    await addToCart(page, "coqui-tee")
    await pay(page)
    await expect(page.locator("[data-testid=ath-amount]").textContent()).resolves.toBe("$29.00")

    await onPhone("reject", "$29.00", "06-phone-reject")
    await page.locator("[data-testid=rejected-screen]").waitFor({ timeout: 30_000 })
    await shot(page, "07-rejected")

    await page.locator("[data-testid=try-again]").click()
    await page.locator("[data-testid=checkout-screen]").waitFor()
    await pay(page)
    await onPhone("approve", "$29.00", "08-phone-retry")
    await page.locator("[data-testid=confirmation-screen]").waitFor({ timeout: 30_000 })
    const orderNumber = (await page.locator("[data-testid=order-number]").textContent())!
    const order = await adminOrder(Number(orderNumber.slice(1)))
    expect(order).toMatchObject({ total: 29, payment_status: "captured" })
    await context.close()
  })

  it("shows the expired screen when the shopper never approves", async () => {
    const { page, startedAt } = await expiring
    await expect(page.locator("[data-testid=phone-last4]").textContent()).resolves.toBe("0177")
    const left = PAYMENT_TIMEOUT_SECONDS * 1000 - (Date.now() - startedAt)
    await page.locator("[data-testid=expired-screen]").waitFor({ timeout: left + 30_000 })
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(PAYMENT_TIMEOUT_SECONDS * 1000 - 2_000)
    await shot(page, "09-expired")
    await expect(page.locator("[data-testid=try-again]").isVisible()).resolves.toBe(true)
    const tickets = await (await fetch(`${stack.sandboxUrl}/sandbox/control/tickets?phone=9395550177`)).json()
    expect(tickets).toEqual([expect.objectContaining({ status: "CANCEL", cancelledBy: "expiry" })])
  })
}
