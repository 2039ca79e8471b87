/**
 * The demo end to end in Chromium: `startStack` (what `npm run demo` runs) on free ports and a
 * fresh database, a shopper buying on the demo storefront, the "customer" approving or rejecting
 * on the sandbox phone page, and a payment left to expire.
 *
 * The expiry test needs real time: Medusa tells "expired" from "rejected" by its own clock, so
 * the stack runs with the shortest ATH window (120 s) and the expiring payment is started first,
 * in its own browser context, while the other tests run.
 */
import fs from "node:fs"
import net from "node:net"
import path from "node:path"
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core"

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startStack, dropDatabase } = require("../../scripts/demo/stack")

jest.setTimeout(180_000)

const SHOTS = path.join(__dirname, "__screenshots__")
const PAYMENT_TIMEOUT_SECONDS = 120
const EXPIRY_PHONE = "939-555-0177"
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]

interface Stack {
  medusaUrl: string
  storefrontUrl: string
  sandboxUrl: string
  phonePageUrl: string
  phoneNumber: string
  admin: { email: string; password: string }
  stop(): Promise<void>
}

const env = process.env
const dbName = `medusa_athmovil_browser_${process.pid}`
const databaseUrl = `postgres://${encodeURIComponent(env.DB_USERNAME || "postgres")}${
  env.DB_PASSWORD ? `:${encodeURIComponent(env.DB_PASSWORD)}` : ""
}@${env.DB_HOST || "localhost"}:${env.DB_PORT || "5432"}/${dbName}`

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once("error", () => resolve(false))
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)))
  })
}

async function freePortBase(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const base = 20_000 + Math.floor(Math.random() * 20_000)
    if ((await portFree(base)) && (await portFree(base + 1)) && (await portFree(base + 2))) return base
  }
  throw new Error("no three free consecutive ports")
}

let stack: Stack
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

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true })
  stack = await startStack({
    databaseUrl,
    portBase: await freePortBase(),
    fresh: true,
    paymentTimeoutSeconds: PAYMENT_TIMEOUT_SECONDS,
    // The dashboard is covered by admin.spec.ts; skipping its build keeps this file under 4 minutes.
    admin: false,
  })
  console.log(`demo stack up in ${(stack as Stack & { timings: Record<string, number> }).timings.total} s`, (stack as Stack & { timings: unknown }).timings)
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS })
  // Started now so its 120 s run out while the other tests run; awaited by the expiry test.
  expiring = (async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } })
    const page = await openStore(context)
    await addToCart(page, "hamaca-artesanal")
    await pay(page, EXPIRY_PHONE)
    return { page, startedAt: Date.now() }
  })()
  expiring.catch(() => {})
}, 300_000)

afterAll(async () => {
  await browser?.close().catch(() => {})
  await stack?.stop()
  await dropDatabase(databaseUrl).catch(() => {})
}, 60_000)

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
