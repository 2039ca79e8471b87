/**
 * The React entry inside a real Next.js 15 / React 19 App Router storefront
 * (integration-tests/next-app, shaped like medusajs/dtc-starter's checkout: payment step, review
 * step, a server action completing the cart, a confirmation page from `paymentInfoMap`), against
 * the test Medusa (in this process, so its clock and container are at hand) and the ATH sandbox,
 * in Chromium, in English and Spanish.
 *
 * The app has its own package.json/package-lock.json (React 19, while this repository's admin is on
 * React 18): `npm ci` runs once per lockfile into node_modules/.cache/athmovil-next-app/<hash>
 * (linked as the app's node_modules), then one `next build` and one `next start` per run. The app
 * imports the plugin's React entry and kit from this repository's source through an alias (see
 * next-app/next.config.mjs). The install and build start before Medusa boots and run beside it.
 */
import { spawn, type ChildProcess } from "node:child_process"
import crypto from "node:crypto"
import fs from "node:fs"
import path from "node:path"
import { Modules } from "@medusajs/framework/utils"
import { medusaRunner } from "../helpers/medusa-runner"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { launchChromium } from "../helpers/chromium"
import { assertPaymentInvariants } from "../helpers/invariants"
import { freePort } from "../helpers/medusa-process"
import { useSandbox } from "../helpers/sandbox"
import { ATH_PROVIDER_ID, seedStore, type SeededStore } from "../helpers/store"
import { withServerClockAhead } from "../helpers/server-clock"

// Medusa boots in the runner's own beforeAll, which shares this timeout; on a loaded machine it can take minutes.
jest.setTimeout(600_000)

const ROOT = path.resolve(__dirname, "..", "..")
const APP = path.join(ROOT, "integration-tests", "next-app")
const CACHE = path.join(ROOT, "node_modules", ".cache", "athmovil-next-app")
const SHOTS = path.join(__dirname, "__screenshots__")
const PHONE = "7875551234"
const OTHER_PHONE = "9395550177"

const timings: Record<string, number> = {}
const startedAt = Date.now()
async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t = Date.now()
  try {
    return await fn()
  } finally {
    timings[label] = Math.round((Date.now() - t) / 100) / 10
  }
}

function run(label: string, command: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] })
    const output: string[] = []
    child.stdout.on("data", (d) => output.push(String(d)))
    child.stderr.on("data", (d) => output.push(String(d)))
    child.once("error", reject)
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${label} exited with ${code}:\n${output.join("").slice(-4000)}`))
    )
  })
}

/** A clean environment for the app's processes: no Jest NODE_OPTIONS, production mode. */
function appEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", NODE_OPTIONS: "", ...extra }
  for (const key of Object.keys(env)) if (key.startsWith("npm_")) delete env[key]
  return env
}

/**
 * `npm ci` once per lockfile hash into the cache, linked as the app's node_modules, then one
 * `next build` in place. (The sources cannot be built from the cache itself: Next does not
 * compile JSX under a node_modules path.)
 */
async function buildApp(): Promise<string> {
  const hash = crypto
    .createHash("sha256")
    .update(fs.readFileSync(path.join(APP, "package.json")))
    .update(fs.readFileSync(path.join(APP, "package-lock.json")))
    .digest("hex")
    .slice(0, 16)
  const dir = path.join(CACHE, hash)
  const marker = path.join(dir, ".installed")
  if (!fs.existsSync(marker)) {
    await timed("npm ci", async () => {
      fs.rmSync(dir, { recursive: true, force: true })
      fs.mkdirSync(dir, { recursive: true })
      for (const f of ["package.json", "package-lock.json"]) fs.copyFileSync(path.join(APP, f), path.join(dir, f))
      await run("npm ci", "npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, env: appEnv({ NODE_ENV: "" }) })
      fs.writeFileSync(marker, new Date().toISOString())
    })
  } else {
    timings["npm ci"] = 0
  }
  const link = path.join(APP, "node_modules")
  const target = path.join(dir, "node_modules")
  let current: string | null = null
  try {
    current = fs.readlinkSync(link)
  } catch {
    // missing, or a real directory from a manual install: replaced by the cached one
  }
  if (current !== target) {
    fs.rmSync(link, { recursive: true, force: true })
    fs.symlinkSync(target, link, "dir")
  }
  fs.rmSync(path.join(APP, ".next"), { recursive: true, force: true })
  await timed("next build", () =>
    run("next build", process.execPath, [path.join(APP, "node_modules", "next", "dist", "bin", "next"), "build"], {
      cwd: APP,
      env: appEnv(),
    })
  )
  return APP
}

async function startApp(dir: string, port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(dir, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: dir,
    env: appEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  })
  const output: string[] = []
  child.stdout!.on("data", (d) => output.push(String(d)))
  child.stderr!.on("data", (d) => output.push(String(d)))
  const end = Date.now() + 60_000
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${output.join("")}`)
    const ok = await fetch(`http://127.0.0.1:${port}/en`).then((r) => r.ok, () => false)
    if (ok) return child
    await new Promise((r) => setTimeout(r, 250))
  }
  child.kill("SIGKILL")
  throw new Error(`next start did not answer within 60 s:\n${output.join("")}`)
}

const sandbox = useSandbox()
let appPort: number
let appDir: Promise<string>

beforeAll(async () => {
  // Before Medusa boots (the runner's hooks run after this file's top-level ones): Medusa must
  // let this origin in, and the install + build run while Medusa starts.
  appPort = await freePort()
  process.env.STORE_CORS = `http://127.0.0.1:${appPort},http://localhost:${appPort}`
  appDir = timed("install + build", buildApp)
  appDir.catch(() => {})
})

medusaRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let app: ChildProcess | undefined
    let browser: Browser
    const appUrl = (p: string) => `http://127.0.0.1:${appPort}${p}`

    beforeAll(async () => {
      fs.mkdirSync(SHOTS, { recursive: true })
      timings["medusa boot"] = Math.round((Date.now() - startedAt) / 100) / 10
      store = await timed("seed", () => seedStore(api, getContainer()))
      const dir = await appDir
      app = await timed("next start", () =>
        startApp(dir, appPort, {
          MEDUSA_BACKEND_URL: store.baseUrl,
          MEDUSA_PUBLISHABLE_KEY: store.publishableKey,
          MEDUSA_REGION_ID: store.regionId,
        })
      )
      browser = await launchChromium()
    }, 600_000)

    beforeEach(() => sandbox().reset())

    afterAll(async () => {
      await browser?.close().catch(() => {})
      app?.kill("SIGTERM")
      timings.total = Math.round((Date.now() - startedAt) / 100) / 10
      fs.mkdirSync(path.join(ROOT, ".test-results"), { recursive: true })
      fs.writeFileSync(path.join(ROOT, ".test-results", "next-checkout-timings.json"), JSON.stringify(timings, null, 2))
      console.log("next-checkout timings (s)", timings)
    })

    async function newPage(locale: "en" | "es"): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
      const context = await browser.newContext({ locale: locale === "es" ? "es-PR" : "en-US", viewport: { width: 1000, height: 900 } })
      const page = await context.newPage()
      const errors: string[] = []
      page.on("pageerror", (e) => errors.push(e.message))
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(`${m.text()} (${m.location().url})`)
      })
      return { context, page, errors }
    }

    /** Store → "Add to cart" → payment step, for the product with this title. */
    async function cartOf(page: Page, locale: "en" | "es", title: string) {
      await page.goto(appUrl(`/${locale}`))
      await page.locator(`[data-testid=product][data-title="${title}"] [data-testid=add-to-cart]`).click()
      await page.waitForURL(/\/checkout\?step=payment/)
      await page.getByTestId("payment-step").waitFor()
    }

    /** Payment step: ATH Móvil (enabled once the store said eligible) → review step. */
    async function chooseAth(page: Page) {
      await page.locator(`[data-testid="method-${ATH_PROVIDER_ID}"]:not([disabled])`).check()
      await page.getByTestId("continue-to-review").click()
      await page.waitForURL(/step=review/)
      await page.getByTestId("athmovil-phone-input").waitFor()
    }

    async function pay(page: Page, phone?: string) {
      if (phone !== undefined) await page.getByTestId("athmovil-phone-input").fill(phone)
      await page.getByTestId("athmovil-pay-button").click()
      await page.getByTestId("athmovil-waiting").waitFor()
    }

    const openTicket = (phone: string) => {
      const open = sandbox()
        .listTickets()
        .filter((t) => t.phoneNumber === phone && t.status === "OPEN")
      expect(open).toHaveLength(1)
      return open[0]
    }

    async function confirmation(page: Page) {
      await page.getByTestId("order-confirmed").waitFor({ timeout: 60_000 })
      const orderNumber = (await page.getByTestId("order-number").textContent())!
      const reference = (await page.getByTestId("ath-reference").textContent())!
      return { orderNumber, reference, url: page.url() }
    }

    async function medusaOrder(id: string) {
      const query = getContainer().resolve("query")
      const { data } = await query.graph({
        entity: "order",
        fields: ["id", "display_id", "total", "payment_collections.payments.provider_id", "payment_collections.payments.captured_at", "payment_collections.payments.data"],
        filters: { id },
      })
      return data[0]
    }

    it("EN: cart → ATH Móvil → phone (checked) → countdown → approved on the sandbox phone page → confirmation with the ATH reference", async () => {
      const { context, page, errors } = await newPage("en")
      await cartOf(page, "en", "Café de Puerto Rico")
      await expect(page.getByTestId("cart-total").textContent()).resolves.toBe("$25.00")
      await page.screenshot({ path: path.join(SHOTS, "next-01-payment-step.png") })
      await chooseAth(page)

      // The phone comes prefilled from the cart's shipping address; a bad one is refused locally.
      await expect(page.getByTestId("athmovil-phone-input").inputValue()).resolves.toBe("787-555-1234")
      await page.getByTestId("athmovil-phone-input").fill("787-555")
      await page.getByTestId("athmovil-pay-button").click()
      await expect(page.getByTestId("athmovil-error").textContent()).resolves.toBe(
        "Enter the 10-digit phone number of your ATH Móvil account, e.g. 787-555-1234."
      )
      await expect(page.getByTestId("athmovil-phone-input").getAttribute("aria-invalid")).resolves.toBe("true")
      expect(sandbox().listTickets()).toHaveLength(0)

      await pay(page, "(787) 555-1234")
      await expect(page.getByTestId("athmovil-waiting-body").textContent()).resolves.toContain("ending in 1234")
      const countdown = page.getByTestId("athmovil-countdown")
      const first = (await countdown.textContent())!
      expect(first).toMatch(/^(10|9):\d\d$/)
      await page.waitForFunction(
        (prev) => document.querySelector("[data-testid=athmovil-countdown]")?.textContent !== prev,
        first
      )
      await expect(countdown.getAttribute("role")).resolves.toBe("timer")
      await page.screenshot({ path: path.join(SHOTS, "next-02-waiting.png") })
      const ticket = openTicket(PHONE)
      expect(ticket.total).toBe("25.00")

      // The shopper approves on the phone (the sandbox's phone page, in its own context).
      const phone = await browser.newContext({ viewport: { width: 480, height: 720 } })
      const phonePage = await phone.newPage()
      await phonePage.goto(`${sandbox().url}/sandbox/phone?phone=${PHONE}`)
      await phonePage.locator(`li.payment[data-ecommerce-id="${ticket.ecommerceId}"] button[data-action=approve]`).click()
      await phone.close()

      const done = await confirmation(page)
      await page.screenshot({ path: path.join(SHOTS, "next-03-confirmed.png") })
      expect(done.url).toMatch(/\/en\/order\/order_[^/]+\/confirmed$/)
      const completed = sandbox().getTicket(ticket.ecommerceId)!
      expect(completed).toMatchObject({ status: "COMPLETED", authorizationCount: 1 })
      expect(done.reference).toBe(completed.referenceNumber)
      await expect(page.getByTestId("payment-method").textContent()).resolves.toMatch(/^Payment method: .*ATH Móvil$/)
      expect(await page.locator("[data-testid=payment-method] svg").count()).toBe(1)
      const order = await medusaOrder(done.url.split("/order/")[1].split("/")[0])
      expect(`#${order.display_id}`).toBe(done.orderNumber)
      expect(order.payment_collections[0].payments[0]).toMatchObject({ provider_id: ATH_PROVIDER_ID, data: { reference_number: completed.referenceNumber } })
      expect(order.payment_collections[0].payments[0].captured_at).toBeTruthy()
      expect(errors).toEqual([])
      await context.close()
      await assertPaymentInvariants(getContainer(), sandbox())
    })

    it("ES: rejected in ATH Móvil → the Spanish message → Intentar de nuevo → approved (control API) → confirmation in Spanish", async () => {
      const { context, page, errors } = await newPage("es")
      await cartOf(page, "es", "Café de Puerto Rico")
      await chooseAth(page)
      await expect(page.locator("[data-athmovil=label]").textContent()).resolves.toBe("Teléfono de ATH Móvil")
      await pay(page)
      await expect(page.getByTestId("athmovil-waiting").textContent()).resolves.toBe("Aprueba el pago en ATH Móvil")
      sandbox().reject({ ecommerceId: openTicket(PHONE).ecommerceId })
      await page.getByTestId("athmovil-rejected").waitFor({ timeout: 30_000 })
      await expect(page.getByTestId("athmovil-rejected").textContent()).resolves.toBe("El pago fue rechazado en ATH Móvil.")
      await page.screenshot({ path: path.join(SHOTS, "next-04-rejected-es.png") })

      await page.getByTestId("athmovil-try-again").click()
      await page.getByTestId("athmovil-phone-input").waitFor()
      // Keyboard focus goes back to the phone field.
      await expect(page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).resolves.toBe("athmovil-phone-input")
      await pay(page)
      sandbox().approve({ ecommerceId: openTicket(PHONE).ecommerceId })
      const done = await confirmation(page)
      expect(done.url).toMatch(/\/es\/order\/.+\/confirmed$/)
      await expect(page.getByRole("heading").first().textContent()).resolves.toBe("¡Gracias! Tu orden fue creada.")
      expect(done.reference).toMatch(/\S/)
      expect(sandbox().listTickets().map((t) => t.status).sort()).toEqual(["CANCEL", "COMPLETED"])
      expect(errors).toEqual([])
      await context.close()
      await assertPaymentInvariants(getContainer(), sandbox())
    })

    it("ES: change phone while waiting → the request moves to the new phone, the countdown restarts → approved there → confirmation", async () => {
      const { context, page, errors } = await newPage("es")
      await cartOf(page, "es", "Café de Puerto Rico")
      await chooseAth(page)
      await pay(page)
      const before = openTicket(PHONE)

      await page.getByTestId("athmovil-change-phone").click()
      await expect(page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).resolves.toBe("athmovil-new-phone-input")
      await page.getByTestId("athmovil-new-phone-input").fill("939-555")
      await page.getByTestId("athmovil-send-new-phone").click()
      await expect(page.getByTestId("athmovil-error").textContent()).resolves.toBe(
        "Escribe los 10 dígitos del teléfono de tu cuenta ATH Móvil, p. ej. 787-555-1234."
      )
      await page.getByTestId("athmovil-new-phone-input").fill("939-555-0177")
      await page.getByTestId("athmovil-send-new-phone").click()
      await page.waitForFunction(() => document.querySelector("[data-testid=athmovil-waiting-body]")?.textContent?.includes("0177"))
      await expect(page.getByTestId("athmovil-waiting-body").textContent()).resolves.toBe(
        "Enviamos el pago al teléfono terminado en 0177. Abre ATH Móvil y apruébalo."
      )
      await page.screenshot({ path: path.join(SHOTS, "next-05-changed-phone-es.png") })
      const moved = openTicket(OTHER_PHONE)
      // The old phone can no longer approve: nothing is open for it any more.
      expect(sandbox().listTickets().filter((t) => t.phoneNumber === PHONE && t.status === "OPEN")).toEqual([])
      expect(moved.total).toBe(before.total)

      sandbox().approve({ ecommerceId: moved.ecommerceId })
      const done = await confirmation(page)
      expect(done.reference).toBe(sandbox().getTicket(moved.ecommerceId)!.referenceNumber)
      expect(errors).toEqual([])
      await context.close()
      await assertPaymentInvariants(getContainer(), sandbox())
    })

    it("EN: cancel while waiting → back to the phone field, the ATH request withdrawn; paying again then works", async () => {
      const { context, page, errors } = await newPage("en")
      await cartOf(page, "en", "Café de Puerto Rico")
      await chooseAth(page)
      await pay(page)
      const ticket = openTicket(PHONE)
      await page.getByTestId("athmovil-cancel").click()
      await page.getByTestId("athmovil-phone-input").waitFor()
      await expect(page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).resolves.toBe("athmovil-phone-input")
      expect(sandbox().getTicket(ticket.ecommerceId)).toMatchObject({ status: "CANCEL" })

      await pay(page)
      sandbox().approve({ ecommerceId: openTicket(PHONE).ecommerceId })
      await confirmation(page)
      expect(errors).toEqual([])
      await context.close()
      await assertPaymentInvariants(getContainer(), sandbox())
    })

    it("EN and ES: the payment expires (Medusa's and the sandbox's clock moved past the window) → expired → Try again", async () => {
      for (const locale of ["en", "es"] as const) {
        const { context, page, errors } = await newPage(locale)
        await cartOf(page, locale, "Café de Puerto Rico")
        await chooseAth(page)
        await pay(page)
        // Medusa and the sandbox both run in this process: moving Date (only Date; timers and
        // sockets keep real time) is the shopper letting the 10 minutes run out.
        await withServerClockAhead(601, () => page.getByTestId("athmovil-expired").waitFor({ timeout: 30_000 }))
        await expect(page.getByTestId("athmovil-expired").textContent()).resolves.toBe(
          locale === "en" ? "The payment expired before it was approved in ATH Móvil." : "El pago expiró antes de ser aprobado en ATH Móvil."
        )
        await page.screenshot({ path: path.join(SHOTS, `next-06-expired-${locale}.png`) })
        expect(sandbox().listTickets()[0]).toMatchObject({ status: "CANCEL", cancelledBy: "expiry" })
        await page.getByTestId("athmovil-try-again").click()
        await page.getByTestId("athmovil-phone-input").waitFor()
        expect(errors).toEqual([])
        await context.close()
        sandbox().reset()
      }
      const [orders] = await getContainer().resolve(Modules.ORDER).listAndCountOrders({})
      expect(orders).toHaveLength(0)
    })

    it("EN and ES: a cart over 1500.00 shows ATH Móvil disabled with the store's reason", async () => {
      const { context, page, errors } = await newPage("en")
      await cartOf(page, "en", "Hamaca artesanal")
      await expect(page.getByTestId("cart-total").textContent()).resolves.toBe("$1,500.01")
      const reasons = page.getByTestId("ath-ineligible")
      await reasons.waitFor()
      await expect(reasons.textContent()).resolves.toBe("ATH Móvil accepts totals up to $1500.00; this cart's total is $1500.01.")
      await expect(page.getByTestId(`method-${ATH_PROVIDER_ID}`).isDisabled()).resolves.toBe(true)
      await expect(page.getByTestId(`method-${ATH_PROVIDER_ID}`).getAttribute("aria-describedby")).resolves.toBe("ath-reasons")
      await expect(page.getByTestId("continue-to-review").isDisabled()).resolves.toBe(true)
      await page.screenshot({ path: path.join(SHOTS, "next-07-ineligible-en.png") })

      await page.goto(appUrl("/es/checkout?step=payment"))
      await page.getByTestId("ath-ineligible").waitFor()
      await expect(page.getByTestId("ath-ineligible").textContent()).resolves.toBe(
        "ATH Móvil acepta totales de hasta $1500.00; el total de este carrito es $1500.01."
      )
      // The review step's button checks too, in case a shopper lands there directly.
      await page.goto(appUrl(`/es/checkout?step=review&method=${ATH_PROVIDER_ID}`))
      await page.getByTestId("athmovil-ineligible").waitFor()
      await expect(page.getByTestId("athmovil-pay-button").isDisabled()).resolves.toBe(true)
      expect(sandbox().listTickets()).toHaveLength(0)
      expect(errors).toEqual([])
      await context.close()
    })
  },
})
