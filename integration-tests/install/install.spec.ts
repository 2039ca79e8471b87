/**
 * Installing into a Medusa store: what a merchant's developer does first.
 *
 * Builds and packs the plugin, installs the tarball with npm into a throw-away Medusa 2.x app
 * whose medusa-config.ts is examples/medusa-config.ts (the README snippet), then runs the real
 * Medusa CLI there: db:migrate, user, start. Everything after that goes over HTTP, against the
 * ATH Móvil sandbox: provider registered, plugin routes mounted, a checkout that ends in an order.
 *
 * Speed: the host reuses this repository's installed Medusa packages (one symlink per entry of
 * node_modules) instead of downloading ~1,400 packages; only the plugin and its own dependencies
 * are installed by npm, from the tarball. Nothing of Medusa is mocked.
 */
import { spawn, type ChildProcess } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { Client } from "pg"
import { startSandbox, type AthSandbox } from "../../src/sandbox"
import { ATH_PROVIDER_ID, cartReadyToPay, startAthPayment, storefront, type SeededStore } from "../helpers/store"
import { HostApi, cleanEnv, db, freePort, listFiles, packPlugin, run, seedHostStore, stopAll, stopGroup } from "./host"

const ROOT = path.resolve(__dirname, "../..")
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"))
const PLUGIN = PKG.name as string
const EXAMPLE_CONFIG = path.join(ROOT, "examples/medusa-config.ts")
const TYPES_DIR = path.join(ROOT, "integration-tests/types")
const MEDUSA_VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/@medusajs/medusa/package.json"), "utf8"))
  .version as string
const ADMIN_EMAIL = "install-admin@athmovil.test"
const ADMIN_PASSWORD = "install-admin-password-1"
const WEBHOOK_SECRET = "install-webhook-secret-0123456789abcdef"
const KEEP = process.env.ATHMOVIL_INSTALL_KEEP === "1" // keep the temp folder and database to debug

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "athmovil-install-"))
const HOST = path.join(tmp, "host")
const DB_NAME = `medusa_athmovil_install_${process.pid}`
const DATABASE_URL = `postgres://${db.user}:${encodeURIComponent(db.password)}@${db.host}:${db.port}/${DB_NAME}`

const report: Record<string, unknown> = { medusa: MEDUSA_VERSION, tmp }
let tarball = ""
let packedFiles: string[] = []
let dbCreated = false
let hostReady = false
let migrated = false
let sandbox: AthSandbox | undefined
let server: { child: ChildProcess; output: () => string } | undefined
let baseUrl = ""
let adminToken = ""
let store: SeededStore | undefined
let athEnv: Record<string, string> = {}

/** Each step needs the one before; say so instead of failing in a confusing way. */
function needs(what: string, ok: unknown) {
  if (!ok) throw new Error(`skipped: needs ${what}, which an earlier step did not produce`)
}

/** The environment of every command run in the host: no leaks from Jest, npm or this repo's .env. */
function hostEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...cleanEnv(),
    NODE_ENV: "development",
    // `medusa start` serves the admin from a `medusa build` output; building the dashboard takes
    // minutes, so the host runs API-only (the plugin's admin bundle is checked as a file below).
    DISABLE_MEDUSA_ADMIN: "true",
    DATABASE_URL,
    STORE_CORS: "*",
    ADMIN_CORS: "*",
    AUTH_CORS: "*",
    JWT_SECRET: "install-test-jwt-secret",
    COOKIE_SECRET: "install-test-cookie-secret",
    ...extra,
  }
}

// ---------------------------------------------------------------- HTTP

async function http(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl}${url}`, {
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

const admin = () => ({ authorization: `Bearer ${adminToken}` })

// ---------------------------------------------------------------- helpers on the tree

/** Every concrete file the `exports` map points at (patterns filled in with the plugin's own names). */
function exportTargets(): Array<{ subpath: string; target: string }> {
  const leaves = (v: unknown): string[] =>
    typeof v === "string" ? [v] : v && typeof v === "object" ? Object.values(v).flatMap(leaves) : []
  const out: Array<{ subpath: string; target: string }> = []
  for (const [subpath, value] of Object.entries(PKG.exports as Record<string, unknown>)) {
    if (subpath === "./*") continue // catch-all for deep imports, nothing to check
    for (const target of leaves(value)) {
      const fill = subpath.includes("*") ? "athmovil" : ""
      out.push({ subpath: subpath.replace("*", fill), target: target.replace("*", fill).replace(/^\.\//, "") })
    }
  }
  return out
}

// ---------------------------------------------------------------- the test

jest.setTimeout(60_000)

afterAll(async () => {
  if (server) await stopGroup(server.child)
  await stopAll()
  await sandbox?.stop()
  if (dbCreated && !KEEP) {
    const pg = new Client({ ...db, database: "postgres" })
    await pg.connect()
    await pg.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`)
    await pg.end()
  }
  if (!KEEP) fs.rmSync(tmp, { recursive: true, force: true })
  // Full report (with the packed file list) for release notes and PRs; a summary on the console.
  const out = path.join(ROOT, ".test-results", "install-report.json")
  fs.mkdirSync(path.dirname(out), { recursive: true })
  fs.writeFileSync(out, JSON.stringify(report, null, 2) + "\n")
  if (server) fs.writeFileSync(path.join(path.dirname(out), "install-medusa.log"), server.output())
  const { files, ...summary } = report
  console.log(`install test: ${JSON.stringify({ ...summary, fileCount: (files as string[] | undefined)?.length })}\n(full report: ${out}; the store's log: install-medusa.log next to it)`)
}, 60_000)

describe(`${PLUGIN} installed from its tarball into a Medusa ${MEDUSA_VERSION} app`, () => {
  it("documents exactly the medusa-config.ts it tests", () => {
    const example = fs.readFileSync(EXAMPLE_CONFIG, "utf8")
    // Every full medusa-config snippet in the README is the example.
    const docs = ["README.md"]
    let snippets = 0
    for (const doc of docs) {
      const text = fs.readFileSync(path.join(ROOT, doc), "utf8")
      for (const [, code] of text.matchAll(/```ts\n([\s\S]*?)```/g)) {
        if (!code.includes("defineConfig(")) continue
        snippets++
        expect({ doc, code }).toEqual({ doc, code: example })
      }
    }
    expect(snippets).toBeGreaterThan(0)
  })

  it("builds and packs only what a store needs", async () => {
    // Built once per source state and shared with the pnpm install test (./host.ts).
    const packed = await packPlugin(tmp)
    tarball = packed.tarball
    packedFiles = packed.files
    expect(fs.existsSync(tarball)).toBe(true)
    Object.assign(report, { buildMs: packed.buildMs, built: packed.built, sizeBytes: fs.statSync(tarball).size, files: packedFiles })

    expect(packedFiles).toEqual(
      expect.arrayContaining([
        "package.json",
        ".medusa/server/src/providers/athmovil/options.d.ts",
        ".medusa/server/src/storefront/index.d.ts",
        ".medusa/server/src/providers/athmovil/index.js",
        ".medusa/server/src/modules/athmovil/index.js",
        ".medusa/server/src/admin/index.mjs",
        ".medusa/server/src/admin/index.js",
        PKG.bin["athmovil-sandbox"].replace(/^\.\//, ""),
      ])
    )
    // Every migration of the source tree is shipped (compiled), or db:migrate in a store misses tables.
    const migrationsDir = "src/modules/athmovil/migrations"
    const sourceMigrations = fs.readdirSync(path.join(ROOT, migrationsDir)).filter((f) => /^Migration\d+\.ts$/.test(f))
    expect(sourceMigrations.length).toBeGreaterThan(0)
    for (const f of sourceMigrations) expect(packedFiles).toContain(`.medusa/server/${migrationsDir}/${f.replace(/\.ts$/, ".js")}`)

    const unwanted = packedFiles.filter(
      (f) =>
        /(^|\/)__tests__\//.test(f) ||
        /(^|\/)integration-tests\//.test(f) ||
        /\.(spec|test)\.[cm]?[jt]sx?$/.test(f) ||
        /\.map$/.test(f) ||
        /medusa-config/.test(f) ||
        /(^|\/)\.env/.test(f) ||
        (/\.tsx?$/.test(f) && !f.endsWith(".d.ts"))
    )
    expect(unwanted).toEqual([])

    for (const { subpath, target } of exportTargets()) {
      expect({ subpath, target, packed: packedFiles.includes(target) }).toEqual({ subpath, target, packed: true })
    }
  }, 300_000)

  it("ships no private keys", async () => {
    needs("the tarball", tarball)
    const unpacked = path.join(tmp, "unpacked")
    fs.mkdirSync(unpacked)
    await run("tar", ["-xzf", tarball, "-C", unpacked], { cwd: tmp, timeoutMs: 30_000 })
    const root = path.join(unpacked, "package")
    const withKeys = listFiles(root).filter((f) => fs.readFileSync(path.join(root, f), "utf8").includes("-----BEGIN"))
    expect(withKeys).toEqual([])
  })

  it("installs with npm into a store whose medusa-config.ts is examples/medusa-config.ts", async () => {
    needs("the tarball", tarball)
    fs.mkdirSync(path.join(HOST, "node_modules"), { recursive: true })
    // 1. npm installs the tarball and its own dependencies into the empty app. Peers are Medusa
    //    itself, linked in below (npm would prune foreign links, so it runs before they exist).
    fs.writeFileSync(path.join(HOST, "package.json"), JSON.stringify({ name: "athmovil-install-host", private: true }))
    const npm = await run(
      "npm",
      ["install", "--no-save", "--no-package-lock", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--legacy-peer-deps", tarball],
      { cwd: HOST, env: hostEnv(), timeoutMs: 120_000 }
    )
    report.npmInstallMs = npm.ms
    const installed = path.join(HOST, "node_modules", PLUGIN)
    expect(fs.lstatSync(installed).isDirectory()).toBe(true)
    expect(listFiles(installed).sort()).toEqual(packedFiles)
    expect(fs.existsSync(path.join(HOST, "node_modules/.bin/athmovil-sandbox"))).toBe(true)

    // 2. The store's own Medusa install: this repository's node_modules, one link per package.
    const started = Date.now()
    const link = (rel: string) => {
      const dest = path.join(HOST, "node_modules", rel)
      if (!fs.existsSync(dest)) fs.symlinkSync(path.join(ROOT, "node_modules", rel), dest)
    }
    for (const entry of fs.readdirSync(path.join(ROOT, "node_modules"))) {
      if (entry.startsWith(".") || entry === PLUGIN) continue
      if (entry.startsWith("@")) {
        fs.mkdirSync(path.join(HOST, "node_modules", entry), { recursive: true })
        for (const scoped of fs.readdirSync(path.join(ROOT, "node_modules", entry))) link(`${entry}/${scoped}`)
      } else link(entry)
    }
    fs.symlinkSync("../@medusajs/cli/cli.js", path.join(HOST, "node_modules/.bin/medusa"))
    report.linkMs = Date.now() - started

    // 3. The app itself, as `create-medusa-app` leaves it, plus the plugin.
    const medusaDeps = Object.fromEntries(
      ["@medusajs/admin-sdk", "@medusajs/cli", "@medusajs/framework", "@medusajs/medusa"].map((n) => [n, MEDUSA_VERSION])
    )
    fs.writeFileSync(
      path.join(HOST, "package.json"),
      JSON.stringify(
        {
          name: "athmovil-install-host",
          version: "0.0.1",
          private: true,
          scripts: { start: "medusa start", "db:migrate": "medusa db:migrate" },
          dependencies: { ...medusaDeps, [PLUGIN]: `^${PKG.version}` },
          engines: { node: ">=20" },
        },
        null,
        2
      )
    )
    fs.writeFileSync(
      path.join(HOST, "tsconfig.json"),
      JSON.stringify(
        {
          compilerOptions: {
            target: "ES2021",
            esModuleInterop: true,
            module: "Node16",
            moduleResolution: "Node16",
            emitDecoratorMetadata: true,
            experimentalDecorators: true,
            skipLibCheck: true,
            skipDefaultLibCheck: true,
            declaration: false,
            sourceMap: false,
            inlineSourceMap: true,
            outDir: "./.medusa/server",
            rootDir: "./",
            jsx: "react-jsx",
            forceConsistentCasingInFileNames: true,
            resolveJsonModule: true,
            checkJs: false,
            strictNullChecks: true,
          },
          "ts-node": { swc: true },
          include: ["**/*", ".medusa/types/*"],
          exclude: ["node_modules", ".medusa/server", ".medusa/admin", ".cache"],
        },
        null,
        2
      )
    )
    fs.copyFileSync(EXAMPLE_CONFIG, path.join(HOST, "medusa-config.ts"))
    hostReady = true

    // The peer range must contain the Medusa this test runs.
    const semver = require("semver") as { satisfies(v: string, r: string): boolean }
    for (const [name, range] of Object.entries(PKG.peerDependencies as Record<string, string>)) {
      const version = JSON.parse(fs.readFileSync(path.join(HOST, "node_modules", name, "package.json"), "utf8")).version
      expect({ name, version, range, ok: semver.satisfies(version, range) }).toEqual({ name, version, range, ok: true })
    }
  }, 180_000)

  it("resolves every public entry point from the store", async () => {
    needs("the store app", hostReady)
    const subpaths = exportTargets()
      .filter(({ target }) => target.endsWith(".js") || target.endsWith(".json"))
      .map(({ subpath }) => `${PLUGIN}${subpath.slice(1)}`)
    const script = `for (const s of ${JSON.stringify([...new Set(subpaths)])}) console.log(s + " -> " + require.resolve(s))`
    const { out } = await run(process.execPath, ["-e", script], { cwd: HOST, env: hostEnv(), timeoutMs: 30_000 })
    for (const s of new Set(subpaths)) expect(out).toContain(`${s} -> ${path.join(HOST, "node_modules", PLUGIN)}`)
  })

  it("type-checks the store's medusa-config.ts against the shipped types", async () => {
    needs("the store app", hostReady)
    const tsc = path.join(HOST, "node_modules/typescript/bin/tsc")
    const check = await run(process.execPath, [tsc, "-p", "tsconfig.json", "--noEmit"], { cwd: HOST, env: hostEnv(), timeoutMs: 120_000 })
    report.tscMs = check.ms
  }, 240_000)

  // Storefronts compile with whatever moduleResolution their framework set: the DTC starter and
  // Next.js's default say "node" (no `exports` support: only `typesVersions` helps), newer ones
  // "bundler", Node projects "node16". One strict consumer of every type entry, in each mode.
  it('type-checks a storefront using /storefront, /react and /types under moduleResolution "node", "node16" and "bundler"', async () => {
    needs("the store app", hostReady)
    const tsc = path.join(HOST, "node_modules/typescript/bin/tsc")
    const results = await Promise.all(
      ["node", "node16", "bundler"].map(async (mode) => {
        const dir = path.join(tmp, `types-${mode}`)
        fs.mkdirSync(dir)
        for (const f of fs.readdirSync(TYPES_DIR)) fs.copyFileSync(path.join(TYPES_DIR, f), path.join(dir, f))
        fs.symlinkSync(path.join(HOST, "node_modules"), path.join(dir, "node_modules"))
        const errors = await run(process.execPath, [tsc, "-p", `tsconfig.${mode}.json`], { cwd: dir, env: hostEnv(), timeoutMs: 180_000 }).then(
          () => "",
          (e: Error) => e.message
        )
        return { mode, errors }
      })
    )
    expect(results).toEqual([
      { mode: "node", errors: "" },
      { mode: "node16", errors: "" },
      { mode: "bundler", errors: "" },
    ])
  }, 240_000)

  it("runs the plugin's migrations with `medusa db:migrate`", async () => {
    needs("the store app", hostReady)
    // The provider validates its options whenever Medusa loads (migrate and user too), so every
    // command gets the ATH settings, pointed at the sandbox.
    sandbox = await startSandbox({ port: 0 })
    athEnv = {
      ATHMOVIL_PUBLIC_TOKEN: sandbox.tokens.publicToken,
      ATHMOVIL_PRIVATE_TOKEN: sandbox.tokens.privateToken,
      ATHMOVIL_WEBHOOK_SECRET: WEBHOOK_SECRET,
      ATHMOVIL_API_BASE_URL: sandbox.apiBaseUrl,
      ATHMOVIL_REPORT_BASE_URL: sandbox.reportBaseUrl,
    }
    const pg = new Client({ ...db, database: "postgres" })
    await pg.connect()
    await pg.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`)
    await pg.query(`CREATE DATABASE "${DB_NAME}"`)
    await pg.end()
    dbCreated = true

    const migrate = await run("npx", ["--no", "--", "medusa", "db:migrate"], { cwd: HOST, env: hostEnv(athEnv), timeoutMs: 240_000 })
    report.migrateMs = migrate.ms

    const client = new Client({ ...db, database: DB_NAME })
    await client.connect()
    const { rows } = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE '%athmovil%' ORDER BY tablename"
    )
    await client.end()
    migrated = true
    expect(rows.map((r) => r.tablename)).toEqual([
      "athmovil_account_activity", // the go-live check's heartbeats (last subscription, job runs)
      "athmovil_ath_transaction_payment_payment", // link athmovil transaction <-> payment
      "athmovil_event_outbox", // the plugin's events, queued by triggers
      "athmovil_ledger_month", // the all-time totals' rollup, kept by triggers
      "athmovil_refund",
      "athmovil_transaction",
      "athmovil_webhook_event",
    ])
    // The triggers that keep those two came with the migrations.
    const check = new Client({ ...db, database: DB_NAME })
    await check.connect()
    const triggers = await check.query<{ tgname: string }>(
      "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'athmovil_%' ORDER BY tgname"
    )
    await check.end()
    expect(triggers.rows.map((r) => r.tgname)).toEqual([
      "athmovil_ledger_month_delete",
      "athmovil_ledger_month_insert",
      "athmovil_ledger_month_truncate",
      "athmovil_ledger_month_update",
      "athmovil_outbox_refund_insert",
      "athmovil_outbox_transaction_update",
      "athmovil_outbox_webhook_update",
    ])
  }, 300_000)

  it("creates an admin with `medusa user`, boots with `medusa start` and registers pp_athmovil_athmovil", async () => {
    needs("the migrated database", migrated)
    const user = await run("npx", ["--no", "--", "medusa", "user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], {
      cwd: HOST,
      env: hostEnv(athEnv),
      timeoutMs: 120_000,
    })
    report.userMs = user.ms

    const port = await freePort()
    baseUrl = `http://localhost:${port}`
    const env = hostEnv({ ...athEnv, ATHMOVIL_PUBLIC_BASE_URL: baseUrl })
    const started = Date.now()
    const child = spawn("npx", ["--no", "--", "medusa", "start", "--port", String(port)], {
      cwd: HOST,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    })
    let out = ""
    child.stdout!.on("data", (d) => (out += d))
    child.stderr!.on("data", (d) => (out += d))
    server = { child, output: () => out }

    const deadline = Date.now() + 150_000
    for (;;) {
      if (child.exitCode !== null) throw new Error(`medusa start exited with ${child.exitCode}\n${out.slice(-6000)}`)
      const ok = await fetch(`${baseUrl}/health`).then((r) => r.ok, () => false)
      if (ok) break
      if (Date.now() > deadline) throw new Error(`medusa start: /health never answered\n${out.slice(-6000)}`)
      await new Promise((r) => setTimeout(r, 250))
    }
    report.bootMs = Date.now() - started

    const login = await http("POST", "/auth/user/emailpass", { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
    expect(login.status).toBe(200)
    adminToken = login.json.token

    const providers = await http("GET", "/admin/payments/payment-providers", undefined, admin())
    expect(providers.status).toBe(200)
    expect(providers.json.payment_providers).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: ATH_PROVIDER_ID, is_enabled: true })])
    )
  }, 300_000)

  it("mounts the plugin's routes", async () => {
    needs("the running store", adminToken)
    const api = new HostApi(baseUrl)
    api.token = adminToken
    store = await seedHostStore(api)

    const unknown = await http("GET", "/store/athmovil/payment-sessions/payses_unknown?cart_id=cart_unknown", undefined, {
      "x-publishable-api-key": store.publishableKey,
    })
    expect(unknown.status).toBe(404)
    // The shopper's answer from the catalogue, with its stable code (the store middleware is mounted too).
    expect(unknown.json).toMatchObject({ code: "session_not_found", message: "There is no ATH Móvil payment payses_unknown on this cart. Start a new payment." })

    const hook = await http("POST", "/hooks/athmovil/wrong-secret", { hello: "ath" })
    expect(hook.status).toBe(401)
    expect(hook.json.message).toMatch(/Unknown webhook listener URL/)

    if (fs.existsSync(path.join(ROOT, "src/api/admin/athmovil/transactions/route.ts"))) {
      const list = await http("GET", "/admin/athmovil/transactions", undefined, admin())
      expect(list.status).toBe(200)
      expect(Array.isArray(list.json.transactions)).toBe(true)
    }
  })

  it("takes a storefront checkout through ATH Móvil to an order", async () => {
    needs("the seeded store", store)
    const sdk = storefront(store!)
    const cart = await cartReadyToPay(sdk, store!)
    const { session } = await startAthPayment(sdk, cart)
    const ecommerceId = (session.data as { ecommerce_id: string }).ecommerce_id
    expect(ecommerceId).toBeTruthy()

    // Before the shopper approves in the app, completing the cart is refused (README).
    const early = await sdk.store.cart.complete(cart.id).then(
      () => ({ status: 200 }),
      (e: { status?: number }) => ({ status: e.status })
    )
    expect(early.status).toBe(400)

    sandbox!.approve({ ecommerceId })
    const done = await sdk.store.cart.complete(cart.id)
    expect(done.type).toBe("order")
    const order = (done as { order: { id: string; total: number; payment_status?: string } }).order
    expect(order.total).toBe(25)
    report.orderId = order.id

    if (fs.existsSync(path.join(ROOT, "src/api/admin/athmovil/transactions/route.ts"))) {
      // order.placed → the plugin's subscriber copies the ticket into its ledger.
      const deadline = Date.now() + 20_000
      let found: unknown
      while (!found && Date.now() < deadline) {
        const list = await http("GET", `/admin/athmovil/transactions?q=${ecommerceId}`, undefined, admin())
        found = (list.json?.transactions ?? []).find((t: { ecommerce_id: string }) => t.ecommerce_id === ecommerceId)
        if (!found) await new Promise((r) => setTimeout(r, 500))
      }
      expect(found).toEqual(expect.objectContaining({ ecommerce_id: ecommerceId, status: "COMPLETED" }))
    }
  })

  it("ships the admin extensions in the installed package", () => {
    needs("the store app", hostReady)
    const bundle = fs.readFileSync(path.join(HOST, "node_modules", PLUGIN, ".medusa/server/src/admin/index.mjs"), "utf8")
    expect(bundle).toMatch(/widgetModule/)
    expect(bundle).toMatch(/routeModule/)

    const adminSrc = path.join(ROOT, "src/admin")
    const widgets = listFiles(path.join(adminSrc, "widgets")).filter((f) => /\.[jt]sx?$/.test(f))
    const routes = listFiles(path.join(adminSrc, "routes")).filter((f) => /(^|\/)page\.[jt]sx?$/.test(f))
    report.adminExtensions = { widgets, routes }

    // Each widget file declares its zones in defineWidgetConfig; the bundle lists them.
    for (const file of widgets) {
      const source = fs.readFileSync(path.join(adminSrc, "widgets", file), "utf8")
      const zoneDecl = source.match(/zone\s*:\s*(\[[^\]]*\]|"[^"]*"|'[^']*')/)
      if (!zoneDecl) continue // a helper module next to the widgets
      for (const [, zone] of zoneDecl[1].matchAll(/["']([^"']+)["']/g)) expect(bundle).toContain(`"${zone}"`)
    }
    if (widgets.length) expect((bundle.match(/widgetId/g) ?? []).length).toBeGreaterThan(0)
    else expect(bundle).toMatch(/widgets:\s*\[\s*\]/)

    // Each routes/<path>/page.tsx becomes a route at /<path> ([id] → :id).
    for (const file of routes) {
      const routePath = "/" + path.posix.dirname(file).replace(/\[\[([^\]]+)\]\]/g, ":$1?").replace(/\[([^\]]+)\]/g, ":$1")
      expect(bundle).toContain(`"${routePath === "/." ? "/" : routePath}"`)
    }
    if (!routes.length) expect(bundle).toMatch(/routes:\s*\[\s*\]/)
  })

  it("ships a working `athmovil-sandbox` bin", async () => {
    needs("the store app", hostReady)
    const { out } = await run("npx", ["--no", "--", "athmovil-sandbox", "--help"], { cwd: HOST, env: hostEnv(), timeoutMs: 30_000 })
    expect(out).toMatch(/Usage: athmovil-sandbox/)
  })
})
