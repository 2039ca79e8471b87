"use strict"
/**
 * The demo stack, for `npm run demo` and for browser tests:
 *
 *   const { startStack } = require("./scripts/demo/stack")
 *   const stack = await startStack({ databaseUrl, portBase: 9000, fresh: false, log: console.log })
 *   // stack.storefrontUrl, stack.adminUrl, stack.phonePageUrl, …
 *   await stack.stop()
 *
 * It creates the database if missing, runs `medusa db:migrate`, starts the ATH Móvil sandbox,
 * Medusa (with the admin dashboard at /app) and the demo storefront, seeds the store through the
 * Admin API (idempotent) and subscribes the sandbox's webhooks to the plugin's listener.
 * Ports: Medusa `portBase`, storefront `portBase + 1`, sandbox `portBase + 2`; all on 127.0.0.1.
 */
const crypto = require("node:crypto")
const fs = require("node:fs")
const net = require("node:net")
const path = require("node:path")
const { DemoError } = require("./lib/errors")
const { ensureDatabase, dropDatabase, adminUserExists, parse: parseDatabaseUrl } = require("./lib/db")
const { startProcess, runProcess, waitUntil, httpOk } = require("./lib/processes")
const { ensureAdminBuild, ADMIN_PATH } = require("./lib/admin")
const { seedDemoStore, ATH_PROVIDER_ID } = require("./lib/seed")
const { startStorefront } = require("./lib/storefront-server")

const ROOT = path.resolve(__dirname, "..", "..")
const DEMO_DIR = path.join(ROOT, ".demo")
const DEFAULT_DATABASE_URL = "postgres://postgres@localhost:5432/medusa_athmovil_demo"
const DEMO_PHONE = "7875550100"
const ADMIN = { email: "admin@athmovil.demo", password: "athmovil-demo" }
const HOST = "127.0.0.1"

/** Webhook secret and session secrets, generated once and kept in .demo/ (git-ignored). */
function loadSecrets() {
  fs.mkdirSync(DEMO_DIR, { recursive: true })
  const file = path.join(DEMO_DIR, "secrets.json")
  const fresh = {
    webhookSecret: crypto.randomBytes(24).toString("hex"),
    jwtSecret: crypto.randomBytes(32).toString("hex"),
    cookieSecret: crypto.randomBytes(32).toString("hex"),
  }
  try {
    fs.writeFileSync(file, JSON.stringify(fresh, null, 2), { flag: "wx", mode: 0o600 })
    return fresh
  } catch (err) {
    if (err.code !== "EEXIST") throw err
  }
  const stored = JSON.parse(fs.readFileSync(file, "utf8"))
  return { ...fresh, ...stored }
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once("error", () => resolve(false))
    server.listen(port, HOST, () => server.close(() => resolve(true)))
  })
}

function medusaCli() {
  return path.join(path.dirname(require.resolve("@medusajs/cli/package.json", { paths: [ROOT] })), "cli.js")
}

function tsNodeBin() {
  return require.resolve("ts-node/dist/bin.js", { paths: [ROOT] })
}

/** Starts src/sandbox/bin.ts (the `athmovil-sandbox` bin) and reads its tokens from its banner. */
async function startSandbox({ port, logFile, log }) {
  const banner = {}
  const proc = startProcess(
    "ATH Móvil sandbox",
    process.execPath,
    [tsNodeBin(), "--transpile-only", path.join("src", "sandbox", "bin.ts"), "--port", String(port), "--host", HOST],
    {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") },
      logFile,
      onLine: (line) => {
        const m = /^\s*(API base|Report base|publicToken|privateToken):\s+(\S+)/.exec(line)
        if (m) banner[m[1]] = m[2]
      },
    }
  )
  const url = `http://${HOST}:${port}`
  await waitUntil("ATH Móvil sandbox", async () => (await httpOk(`${url}/sandbox/health`)) && !!banner.privateToken, {
    proc,
    timeoutMs: 60_000,
  })
  log(`ATH Móvil sandbox on ${url}`)
  return {
    proc,
    url,
    apiBaseUrl: banner["API base"],
    reportBaseUrl: banner["Report base"],
    tokens: { publicToken: banner.publicToken, privateToken: banner.privateToken },
  }
}

/**
 * Subscribes the webhooks the way a merchant does, with the admin's "Subscribe webhooks"
 * (`POST /admin/athmovil/webhooks/subscribe`): the go-live check then shows the subscription.
 */
async function subscribeWebhooks({ medusaUrl, adminToken }) {
  const res = await fetch(`${medusaUrl}/admin/athmovil/webhooks/subscribe`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
    body: "{}",
  })
  const body = await res.json().catch(() => ({}))
  if (!res.ok) {
    throw new DemoError(`Webhook subscription failed: ${res.status} ${body.message ?? JSON.stringify(body)}`, "STEP_FAILED")
  }
}

/**
 * Starts the whole demo. Options:
 * - `databaseUrl` (default `postgres://postgres@localhost:5432/medusa_athmovil_demo`)
 * - `portBase` (default 9000): Medusa on it, storefront +1, sandbox +2
 * - `fresh`: drop and recreate the database first
 * - `log(line)`: progress lines (default: silent)
 * - `paymentTimeoutSeconds`: ATH approval window, 120–600 (default 600)
 * - `admin` (default true): serve the dashboard at /app; `false` skips its build (tests that only
 *   need the APIs and the storefront), and `adminUrl` is then null
 *
 * Resolves with the URLs, the admin login, the publishable key and `stop()`. Rejects with a
 * `DemoError` (code `PG_UNREACHABLE`, `PORT_IN_USE`, `STEP_FAILED`, …) after stopping whatever
 * it had started.
 */
async function startStack(options = {}) {
  const databaseUrl = options.databaseUrl || DEFAULT_DATABASE_URL
  const portBase = Number(options.portBase ?? 9000)
  const log = options.log ?? (() => {})
  const withAdmin = options.admin !== false
  if (!Number.isInteger(portBase) || portBase < 1024 || portBase > 65_533) {
    throw new DemoError(`--port-base must be a whole number from 1024 to 65533, got ${options.portBase}`, "BAD_OPTION")
  }
  const ports = { medusa: portBase, storefront: portBase + 1, sandbox: portBase + 2 }
  for (const [name, port] of Object.entries(ports)) {
    if (!(await portFree(port))) {
      throw new DemoError(`Port ${port} (${name}) is already in use. Stop what uses it, or pick other ports: npm run demo -- --port-base 9100`, "PORT_IN_USE")
    }
  }
  const db = parseDatabaseUrl(databaseUrl)
  const started = Date.now()
  const timings = {}
  const time = async (label, fn) => {
    const t = Date.now()
    try {
      return await fn()
    } finally {
      timings[label] = Math.round((Date.now() - t) / 100) / 10
    }
  }

  const created = await time("database", () => ensureDatabase(databaseUrl, { fresh: !!options.fresh }))
  log(`${options.fresh ? "Recreated" : created ? "Created" : "Using"} database ${db.name} on ${db.host}`)

  const secrets = loadSecrets()
  const logsDir = path.join(DEMO_DIR, "logs", String(portBase))
  const medusaUrl = `http://localhost:${ports.medusa}`
  const storefrontUrl = `http://localhost:${ports.storefront}`
  const origins = (port) => [`http://localhost:${port}`, `http://127.0.0.1:${port}`]
  const cli = medusaCli()
  const stoppers = []
  let stopped = null
  const stop = () =>
    (stopped ??= (async () => {
      for (const s of stoppers.reverse()) await s().catch(() => {})
    })())

  try {
    let adminDir = null
    const medusaEnv = (sandbox) => ({
      ...process.env,
      // Not "production" (secure cookies would break the admin login on http://localhost) and
      // not "development" (Medusa would run the admin through the Vite dev server).
      NODE_ENV: "demo",
      DATABASE_URL: databaseUrl,
      MEDUSA_ADMIN_DISABLED: withAdmin ? "false" : "true",
      MEDUSA_DISABLE_TELEMETRY: "true",
      MEDUSA_WORKER_MODE: "shared",
      ATHMOVIL_TEST_REDIS_URL: "",
      ATHMOVIL_DEMO_ADMIN_DIR: adminDir ? `./${path.relative(ROOT, adminDir)}` : "",
      JWT_SECRET: secrets.jwtSecret,
      COOKIE_SECRET: secrets.cookieSecret,
      STORE_CORS: [...origins(ports.storefront), ...origins(ports.medusa)].join(","),
      ADMIN_CORS: origins(ports.medusa).join(","),
      AUTH_CORS: [...origins(ports.medusa), ...origins(ports.storefront)].join(","),
      ...(sandbox
        ? {
            ATHMOVIL_PUBLIC_TOKEN: sandbox.tokens.publicToken,
            ATHMOVIL_PRIVATE_TOKEN: sandbox.tokens.privateToken,
            ATHMOVIL_API_BASE_URL: sandbox.apiBaseUrl,
            ATHMOVIL_REPORT_BASE_URL: sandbox.reportBaseUrl,
            ATHMOVIL_WEBHOOK_SECRET: secrets.webhookSecret,
            ATHMOVIL_PUBLIC_BASE_URL: medusaUrl,
          }
        : {
            // Migrations load the config too; the provider only needs well-formed options.
            ATHMOVIL_PUBLIC_TOKEN: "demo-migrations",
            ATHMOVIL_PRIVATE_TOKEN: "demo-migrations",
          }),
      ...(options.paymentTimeoutSeconds ? { ATHMOVIL_PAYMENT_TIMEOUT_SECONDS: String(options.paymentTimeoutSeconds) } : {}),
    })

    // Independent steps in parallel: the sandbox, the admin build (cached) and the migrations.
    log("Running migrations, starting the ATH Móvil sandbox" + (withAdmin ? ", checking the admin build" : ""))
    const steps = await Promise.allSettled([
      time("sandbox", () => startSandbox({ port: ports.sandbox, logFile: path.join(logsDir, "sandbox.log"), log })),
      withAdmin ? time("admin build", () => ensureAdminBuild({ root: ROOT, demoDir: DEMO_DIR, log })) : Promise.resolve(null),
      time("migrations", () =>
        runProcess("medusa db:migrate", process.execPath, [cli, "db:migrate"], {
          cwd: ROOT,
          env: medusaEnv(null),
          logFile: path.join(logsDir, "migrate.log"),
        })
      ),
    ])
    if (steps[0].status === "fulfilled") stoppers.push(() => steps[0].value.proc.stop())
    const failed = steps.find((s) => s.status === "rejected")
    if (failed) throw failed.reason
    const sandbox = steps[0].value
    const adminBuild = steps[1].value
    adminDir = adminBuild ? adminBuild.dir : null
    log(`Migrations done (${timings.migrations} s)${!adminBuild ? "" : adminBuild.built ? `, admin built (${adminBuild.seconds} s)` : ", admin build reused"}`)

    // Medusa, and the admin user next to it when the database has none.
    const needsUser = !(await adminUserExists(databaseUrl, ADMIN.email))
    const medusaStarted = Date.now()
    const medusa = startProcess(
      "Medusa",
      process.execPath,
      ["-r", path.join(__dirname, "lib", "admin-preload.js"), cli, "start", "--port", String(ports.medusa), "--host", HOST],
      { cwd: ROOT, env: medusaEnv(sandbox), logFile: path.join(logsDir, "medusa.log") }
    )
    stoppers.push(() => medusa.stop(15_000))
    const user = needsUser
      ? time("admin user", () =>
          runProcess("medusa user", process.execPath, [cli, "user", "-e", ADMIN.email, "-p", ADMIN.password], {
            cwd: ROOT,
            env: medusaEnv(sandbox),
            logFile: path.join(logsDir, "user.log"),
          })
        )
      : Promise.resolve()
    await waitUntil("Medusa", () => httpOk(`${medusaUrl}/health`), { proc: medusa, timeoutMs: 180_000 })
    timings.medusa = Math.round((Date.now() - medusaStarted) / 100) / 10
    await user
    log(`Medusa on ${medusaUrl} (ready in ${timings.medusa} s)`)

    const seeded = await time("seed", () => seedDemoStore({ medusaUrl, admin: ADMIN, log }))
    await subscribeWebhooks({ medusaUrl, adminToken: seeded.adminToken })

    const phonePageUrl = `${sandbox.url}/sandbox/phone?phone=${DEMO_PHONE}`
    const storefront = await time("storefront", () =>
      startStorefront({
        port: ports.storefront,
        host: HOST,
        config: {
          medusaUrl,
          publishableKey: seeded.publishableKey,
          regionId: seeded.regionId,
          providerId: ATH_PROVIDER_ID,
          phoneNumber: DEMO_PHONE,
          phonePageUrl,
        },
      })
    )
    stoppers.push(() => storefront.stop())
    timings.total = Math.round((Date.now() - started) / 100) / 10
    log(`Storefront on ${storefrontUrl} (stack ready in ${timings.total} s)`)

    return {
      medusaUrl,
      adminUrl: withAdmin ? `${medusaUrl}${ADMIN_PATH}` : null,
      storefrontUrl,
      sandboxUrl: sandbox.url,
      phonePageUrl,
      phoneNumber: DEMO_PHONE,
      admin: { ...ADMIN },
      publishableKey: seeded.publishableKey,
      regionId: seeded.regionId,
      databaseUrl,
      logsDir,
      timings,
      stop,
    }
  } catch (err) {
    await stop()
    throw err
  }
}

module.exports = { startStack, dropDatabase, DemoError, DEFAULT_DATABASE_URL, DEMO_PHONE, ADMIN }
