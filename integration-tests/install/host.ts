/**
 * What both install tests (npm into a Medusa app, pnpm into a DTC-starter-shaped workspace) do to a
 * throw-away store: run its commands, talk to it over HTTP, seed it, and open its admin in Chromium.
 */
import { spawn, type ChildProcess } from "node:child_process"
import crypto from "node:crypto"
import fs from "node:fs"
import net from "node:net"
import path from "node:path"
import { Client } from "pg"
import { launchChromium } from "../helpers/chromium"
import { ATH_PROVIDER_ID, type SeededStore } from "../helpers/store"

export const ROOT = path.resolve(__dirname, "../..")
/** Installs and admin builds kept between runs (CI caches node_modules). */
export const CACHE = path.join(ROOT, "node_modules", ".cache", "athmovil-install")

export const db = {
  host: process.env.DB_HOST || "localhost",
  port: Number(process.env.DB_PORT || 5432),
  user: process.env.DB_USERNAME || "postgres",
  password: process.env.DB_PASSWORD || "postgres",
}
export const databaseUrl = (name: string) =>
  `postgres://${db.user}:${encodeURIComponent(db.password)}@${db.host}:${db.port}/${name}`

export async function recreateDatabase(name: string) {
  const pg = new Client({ ...db, database: "postgres" })
  await pg.connect()
  await pg.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await pg.query(`CREATE DATABASE "${name}"`)
  await pg.end()
}

export async function dropDatabase(name: string) {
  const pg = new Client({ ...db, database: "postgres" })
  await pg.connect()
  await pg.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await pg.end()
}

// ---------------------------------------------------------------- processes

const children = new Set<ChildProcess>()

/** Runs a command in its own process group; rejects with the output tail when it fails. */
export function run(
  cmd: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number }
): Promise<{ out: string; stdout: string; ms: number }> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, detached: true, stdio: ["ignore", "pipe", "pipe"] })
    children.add(child)
    let out = ""
    let stdout = ""
    child.stdout!.on("data", (d) => {
      out += d
      stdout += d
    })
    child.stderr!.on("data", (d) => (out += d))
    const timer = setTimeout(() => {
      killGroup(child, "SIGKILL")
      reject(new Error(`${cmd} ${args.join(" ")} timed out after ${opts.timeoutMs} ms\n${out.slice(-4000)}`))
    }, opts.timeoutMs)
    child.on("error", (e) => {
      clearTimeout(timer)
      reject(e)
    })
    child.on("exit", (code, signal) => {
      clearTimeout(timer)
      children.delete(child)
      if (code === 0) resolve({ out, stdout, ms: Date.now() - started })
      else reject(new Error(`${cmd} ${args.join(" ")} exited with ${code ?? signal} (cwd ${opts.cwd})\n${out.slice(-6000)}`))
    })
  })
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    /* already gone */
  }
}

export async function stopGroup(child: ChildProcess, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((r) => child.once("exit", () => r()))
  killGroup(child, "SIGTERM")
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), graceMs)
  await exited
  clearTimeout(timer)
}

/** Stops whatever `run` started and is still running (afterAll). */
export async function stopAll() {
  for (const child of children) await stopGroup(child, 3000)
}

/** The environment of every command run in a host: no leaks from Jest, npm or this repo's .env. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(ATHMOVIL_|MEDUSA_|JEST_|npm_|DB_|PNPM_)/.test(k)) continue
    if (["NODE_OPTIONS", "TEST_TYPE", "DATABASE_URL", "REDIS_URL", "NODE_ENV", "INIT_CWD"].includes(k)) continue
    env[k] = v
  }
  return { ...env, MEDUSA_DISABLE_TELEMETRY: "true", ...extra }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on("error", reject)
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

/** `medusa start` in `cwd`, resolved once /health answers. */
export async function startMedusa(cwd: string, env: NodeJS.ProcessEnv, port: number, timeoutMs = 150_000) {
  const baseUrl = `http://localhost:${port}`
  const child = spawn("npx", ["--no", "--", "medusa", "start", "--port", String(port)], { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] })
  children.add(child)
  let out = ""
  child.stdout!.on("data", (d) => (out += d))
  child.stderr!.on("data", (d) => (out += d))
  const started = Date.now()
  const deadline = started + timeoutMs
  for (;;) {
    if (child.exitCode !== null) throw new Error(`medusa start exited with ${child.exitCode}\n${out.slice(-6000)}`)
    const ok = await fetch(`${baseUrl}/health`).then((r) => r.ok, () => false)
    if (ok) break
    if (Date.now() > deadline) throw new Error(`medusa start: /health never answered\n${out.slice(-6000)}`)
    await new Promise((r) => setTimeout(r, 250))
  }
  return { child, baseUrl, bootMs: Date.now() - started, output: () => out }
}

// ---------------------------------------------------------------- HTTP

export class HostApi {
  token = ""
  constructor(readonly baseUrl: string) {}

  async http(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${this.baseUrl}${url}`, {
      method,
      headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    let json: any = undefined
    try {
      json = JSON.parse(text)
    } catch {
      /* not JSON */
    }
    return { status: res.status, json, text }
  }

  admin = () => ({ authorization: `Bearer ${this.token}` })

  async login(email: string, password: string) {
    const res = await this.http("POST", "/auth/user/emailpass", { email, password })
    if (res.status !== 200) throw new Error(`admin login → ${res.status}: ${res.text.slice(0, 300)}`)
    this.token = res.json.token
  }

  async adminPost(url: string, body: unknown) {
    const res = await this.http("POST", url, body, this.admin())
    if (res.status >= 300) throw new Error(`POST ${url} → ${res.status}: ${res.text.slice(0, 500)}`)
    return res.json
  }
}

/**
 * A store made through the Admin API from the region and shipping `athmovil-setup-region` created
 * (`medusa exec`): a publishable key on the default sales channel and one USD product.
 */
export async function seedOnSetupRegion(api: HostApi, regionName: string): Promise<SeededStore> {
  const get = async (url: string) => {
    const res = await api.http("GET", url, undefined, api.admin())
    if (res.status !== 200) throw new Error(`GET ${url} → ${res.status}: ${res.text.slice(0, 300)}`)
    return res.json
  }
  const [store] = (await get("/admin/stores")).stores
  const region = (await get(`/admin/regions?q=${encodeURIComponent(regionName)}&limit=50`)).regions.find((r: { name: string }) => r.name === regionName)
  const [option] = (await get("/admin/shipping-options?fields=id,shipping_profile_id&limit=50")).shipping_options
  const key = (await api.adminPost("/admin/api-keys", { title: "store", type: "publishable" })).api_key
  await api.adminPost(`/admin/api-keys/${key.id}/sales-channels`, { add: [store.default_sales_channel_id] })
  const product = (
    await api.adminPost("/admin/products", {
      title: "Café de Puerto Rico",
      status: "published",
      shipping_profile_id: option.shipping_profile_id,
      options: [{ title: "Size", values: ["One"] }],
      variants: [{ title: "One", options: { Size: "One" }, manage_inventory: false, prices: [{ currency_code: "usd", amount: 20 }] }],
      sales_channels: [{ id: store.default_sales_channel_id }],
    })
  ).product
  const variantId = product.variants[0].id
  return {
    adminHeaders: { headers: api.admin() },
    publishableKey: key.token,
    regionId: region.id,
    eurRegionId: region.id,
    shippingOptionId: option.id,
    variantId,
    cheapVariantId: variantId,
    priceyVariantId: variantId,
    baseUrl: api.baseUrl,
  }
}

/** A USD Puerto Rico region with ATH Móvil enabled, shipping, and one product: through the Admin API. */
export async function seedHostStore(api: HostApi): Promise<SeededStore> {
  const sc = (await api.adminPost("/admin/sales-channels", { name: "Webshop" })).sales_channel
  const key = (await api.adminPost("/admin/api-keys", { title: "store", type: "publishable" })).api_key
  await api.adminPost(`/admin/api-keys/${key.id}/sales-channels`, { add: [sc.id] })
  const region = (
    await api.adminPost("/admin/regions", {
      name: "Puerto Rico",
      currency_code: "usd",
      countries: ["pr"],
      payment_providers: [ATH_PROVIDER_ID],
    })
  ).region
  const loc = (await api.adminPost("/admin/stock-locations", { name: "San Juan" })).stock_location
  await api.adminPost(`/admin/stock-locations/${loc.id}/sales-channels`, { add: [sc.id] })
  await api.adminPost(`/admin/stock-locations/${loc.id}/fulfillment-providers`, { add: ["manual_manual"] })
  const withSet = (
    await api.adminPost(`/admin/stock-locations/${loc.id}/fulfillment-sets?fields=*fulfillment_sets`, {
      name: "PR shipping",
      type: "shipping",
    })
  ).stock_location
  const zone = (
    await api.adminPost(`/admin/fulfillment-sets/${withSet.fulfillment_sets[0].id}/service-zones`, {
      name: "PR",
      geo_zones: [{ type: "country", country_code: "pr" }],
    })
  ).fulfillment_set.service_zones[0]
  const profile = (await api.adminPost("/admin/shipping-profiles", { name: "Default", type: "default" })).shipping_profile
  const option = (
    await api.adminPost("/admin/shipping-options", {
      name: "Standard",
      service_zone_id: zone.id,
      shipping_profile_id: profile.id,
      provider_id: "manual_manual",
      price_type: "flat",
      type: { label: "Standard", description: "Standard", code: "standard" },
      prices: [{ currency_code: "usd", amount: 5 }],
      rules: [
        { attribute: "enabled_in_store", operator: "eq", value: "true" },
        { attribute: "is_return", operator: "eq", value: "false" },
      ],
    })
  ).shipping_option
  const product = (
    await api.adminPost("/admin/products", {
      title: "Café de Puerto Rico",
      status: "published",
      shipping_profile_id: profile.id,
      options: [{ title: "Size", values: ["One"] }],
      variants: [
        { title: "One", options: { Size: "One" }, manage_inventory: false, prices: [{ currency_code: "usd", amount: 20 }] },
      ],
      sales_channels: [{ id: sc.id }],
    })
  ).product
  const variantId = product.variants[0].id
  return {
    adminHeaders: { headers: api.admin() },
    publishableKey: key.token,
    regionId: region.id,
    eurRegionId: region.id,
    shippingOptionId: option.id,
    variantId,
    cheapVariantId: variantId,
    priceyVariantId: variantId,
    baseUrl: api.baseUrl,
  }
}

// ---------------------------------------------------------------- files

export function listFiles(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    return e.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join("/")]
  })
}

/** A cache key from files' contents and their paths relative to `base` (temp folders differ per run). */
export function hashFiles(files: string[], extra = "", base = ROOT): string {
  const hash = crypto.createHash("sha256").update(extra)
  for (const f of files) hash.update(`${path.relative(base, f)}\n`).update(fs.existsSync(f) ? fs.readFileSync(f) : "missing")
  return hash.digest("hex").slice(0, 16)
}

// ---------------------------------------------------------------- the admin in Chromium

/**
 * Logs into the built admin and opens the order page (the ATH Móvil widget) and the ATH Móvil page.
 * Any uncaught page error or error boundary on either page fails with its text: the failures
 * "No QueryClient set" and "useLocation() may be used only in the context of a <Router>" are what
 * a plugin resolving its own copy of react-query / react-router produces.
 */
export async function openAdminPages(opts: { adminUrl: string; email: string; password: string; orderId: string; screenshots: string }) {
  const browser = await launchChromium()
  const errors: string[] = []
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" })).newPage()
    page.setDefaultTimeout(60_000)
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`))
    page.on("console", (m) => {
      if (m.type() === "error" && /QueryClient|useLocation|<Router>|Invalid hook call|react/i.test(m.text())) errors.push(`console: ${m.text()}`)
    })
    // "domcontentloaded": the dashboard's bundle is megabytes; the form appearing is what counts.
    await page.goto(`${opts.adminUrl}/login`, { waitUntil: "domcontentloaded", timeout: 120_000 })
    await page.locator('input[name="email"]').fill(opts.email, { timeout: 120_000 })
    await page.locator('input[name="password"]').fill(opts.password)
    await page.getByRole("button", { name: "Continue with Email" }).click()
    await page.waitForURL((url) => !url.pathname.endsWith("/login"))

    fs.mkdirSync(opts.screenshots, { recursive: true })
    const visit = async (name: string, url: string, testId: string) => {
      await page.goto(url, { waitUntil: "domcontentloaded", timeout: 120_000 })
      // Whichever comes first: the plugin's page, or the dashboard's error boundary.
      await page
        .locator(`[data-testid="${testId}"], :text("An unexpected error occurred")`)
        .first()
        .waitFor({ timeout: 90_000 })
        .catch(() => {})
      const ok = await page.getByTestId(testId).first().isVisible()
      await page.screenshot({ path: path.join(opts.screenshots, `${name}.png`) })
      const text = ok ? "" : (await page.locator("body").innerText().catch(() => "")).slice(0, 800)
      return { page: name, rendered: ok, errors: errors.splice(0), text }
    }
    return [
      await visit("admin-order", `${opts.adminUrl}/orders/${opts.orderId}`, "athmovil-widget"),
      await visit("admin-athmovil", `${opts.adminUrl}/athmovil`, "athmovil-page"),
    ]
  } finally {
    await browser.close().catch(() => {})
  }
}

// ---------------------------------------------------------------- the package under test

/**
 * One build of the plugin at a time across Jest workers: a lock directory (mkdir is atomic), taken
 * over when its holder has been gone for 10 minutes (a killed run).
 */
async function withBuildLock(fn: () => Promise<void>): Promise<void> {
  const lock = path.join(CACHE, "build.lock")
  fs.mkdirSync(CACHE, { recursive: true })
  for (;;) {
    try {
      fs.mkdirSync(lock)
      break
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now())
      if (age > 600_000) fs.rmSync(lock, { recursive: true, force: true })
      else await new Promise((r) => setTimeout(r, 500))
    }
  }
  try {
    await fn()
  } finally {
    fs.rmSync(lock, { recursive: true, force: true })
  }
}

/**
 * Builds and packs the plugin once per source state (both install tests share the tarball), into
 * `dir`. ATHMOVIL_INSTALL_TARBALL=<file> tests a tarball made elsewhere (e.g. from an older commit).
 */
export async function packPlugin(dir: string): Promise<{ tarball: string; files: string[]; built: boolean; buildMs: number }> {
  const given = process.env.ATHMOVIL_INSTALL_TARBALL
  const sources = [
    ...listFiles(path.join(ROOT, "src")).filter((f) => !/(^|\/)__tests__\//.test(f)).map((f) => path.join(ROOT, "src", f)),
    ...["package.json", "tsconfig.json", "tsconfig.types.json"].map((f) => path.join(ROOT, f)),
  ]
  const cached = given ? path.resolve(given) : path.join(CACHE, `plugin-${hashFiles(sources)}.tgz`)
  let built = false
  let buildMs = 0
  // `npm test` runs suites side by side: the two install suites must not build into .medusa at once.
  if (!fs.existsSync(cached) && !given) await withBuildLock(async () => {
    if (fs.existsSync(cached)) return
    const build = await run("npm", ["run", "build"], { cwd: ROOT, timeoutMs: 240_000 })
    buildMs = build.ms
    const packDir = fs.mkdtempSync(path.join(dir, "pack-"))
    const pack = await run("npm", ["pack", "--json", "--pack-destination", packDir], { cwd: ROOT, timeoutMs: 60_000 })
    const [info] = JSON.parse(pack.stdout)
    fs.mkdirSync(CACHE, { recursive: true })
    for (const old of fs.readdirSync(CACHE).filter((f) => /^plugin-.*\.tgz$/.test(f))) fs.rmSync(path.join(CACHE, old), { force: true })
    fs.copyFileSync(path.join(packDir, info.filename), cached)
    built = true
  })
  if (!fs.existsSync(cached)) {
    throw new Error(given ? `ATHMOVIL_INSTALL_TARBALL=${given} does not exist` : `the plugin build left no tarball at ${cached}`)
  }
  const tarball = path.join(dir, path.basename(cached))
  if (tarball !== cached) fs.copyFileSync(cached, tarball)
  const { stdout } = await run("tar", ["-tzf", tarball], { cwd: dir, timeoutMs: 30_000 })
  const files = stdout
    .split("\n")
    .filter((l) => l && !l.endsWith("/"))
    .map((l) => l.replace(/^package\//, ""))
    .sort()
  return { tarball, files, built, buildMs }
}
