/**
 * Installing with pnpm into a workspace shaped like Medusa's DTC starter (`medusajs/dtc-starter`):
 * `apps/backend` on the LOWEST Medusa the plugin supports, beside a React 19 storefront app, with the
 * starter's `.npmrc` (`auto-install-peers=true`). Both apps depend on the packed plugin.
 *
 * The failure this guards against: a plugin that does not declare react-query, react-router-dom,
 * @medusajs/ui … as peers gets them from pnpm's hidden hoisting (`node_modules/.pnpm/node_modules`),
 * which holds the copy of whichever importer comes first — here the React 19 app's (`a-storefront`
 * sorts before `backend`). The admin then renders the plugin with a second react-query/react-router
 * and the order page dies with "No QueryClient set", the ATH Móvil page with "useLocation() may be
 * used only in the context of a <Router>". So the test builds the admin and opens both pages in Chromium.
 *
 * Speed: pnpm's store and the admin build are cached in node_modules/.cache/athmovil-install (the
 * admin build keyed by the resolved lockfile and the plugin's admin bundle), and the admin builds
 * while the migrations run. Registry metadata is read with --prefer-offline.
 */
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { startSandbox, type AthSandbox } from "../../src/sandbox"
import { ATH_PROVIDER_ID, cartReadyToPay, startAthPayment, storefront } from "../helpers/store"
import {
  CACHE,
  HostApi,
  ROOT,
  cleanEnv,
  databaseUrl,
  dropDatabase,
  freePort,
  hashFiles,
  listFiles,
  openAdminPages,
  packPlugin,
  recreateDatabase,
  run,
  seedOnSetupRegion,
  startMedusa,
  stopAll,
  stopGroup,
} from "./host"

/** The lowest Medusa the peer range allows, and the versions the DTC starter pins beside it. */
const MEDUSA = "2.18.0"
const BACKEND_DEPS: Record<string, string> = {
  "@medusajs/admin-sdk": MEDUSA,
  "@medusajs/admin-shared": MEDUSA,
  "@medusajs/caching": MEDUSA,
  "@medusajs/cli": MEDUSA,
  "@medusajs/dashboard": MEDUSA,
  "@medusajs/draft-order": MEDUSA,
  "@medusajs/framework": MEDUSA,
  "@medusajs/medusa": MEDUSA,
  "@medusajs/ui": "4.2.0",
  "@tanstack/react-query": "5.64.2",
  "react-i18next": "13.5.0",
  "react-router-dom": "6.30.4",
}
const BACKEND_DEV_DEPS: Record<string, string> = {
  "@swc/core": "^1.7.28",
  "@types/node": "^20.12.11",
  react: "^18.3.1",
  "react-dom": "^18.3.1",
  "ts-node": "^10.9.2",
  typescript: "^5.6.2",
  vite: "^5.4.14",
}
const STOREFRONT_DEPS: Record<string, string> = {
  "@medusajs/js-sdk": MEDUSA,
  "@tanstack/react-query": "5.64.2",
  react: "19.0.5",
  "react-dom": "19.0.5",
}

const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"))
const PLUGIN = PKG.name as string
const PNPM = path.join(ROOT, "node_modules", ".bin", "pnpm")
const ADMIN_EMAIL = "pnpm-admin@athmovil.test"
const ADMIN_PASSWORD = "pnpm-admin-password-1"
const KEEP = process.env.ATHMOVIL_INSTALL_KEEP === "1"
const SETUP_SCRIPT = `./node_modules/${PLUGIN}/.medusa/server/src/scripts/athmovil-setup-region.js`

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "athmovil-pnpm-"))
const WS = path.join(tmp, "workspace")
const BACKEND = path.join(WS, "apps", "backend")
const STOREFRONT = path.join(WS, "apps", "a-storefront")
const DB_NAME = `medusa_athmovil_pnpm_${process.pid}`
const DATABASE_URL = databaseUrl(DB_NAME)

const report: Record<string, unknown> = { medusa: MEDUSA, packageManager: "pnpm", tmp }
let installed = false
let dbCreated = false
let sandbox: AthSandbox | undefined
let server: Awaited<ReturnType<typeof startMedusa>> | undefined
let orderId = ""
const started = Date.now()

const writeJson = (file: string, value: unknown) => {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + "\n")
}

function backendEnv(extra: Record<string, string> = {}) {
  return cleanEnv({ NODE_ENV: "development", DATABASE_URL, STORE_CORS: "*", ADMIN_CORS: "*", AUTH_CORS: "*", JWT_SECRET: "pnpm-jwt", COOKIE_SECRET: "pnpm-cookie", ...extra })
}

jest.setTimeout(60_000)

afterAll(async () => {
  if (server) await stopGroup(server.child)
  await stopAll()
  await sandbox?.stop()
  if (dbCreated && !KEEP) await dropDatabase(DB_NAME)
  if (!KEEP) fs.rmSync(tmp, { recursive: true, force: true })
  report.wallMs = Date.now() - started
  const out = path.join(ROOT, ".test-results", "install-pnpm-report.json")
  fs.mkdirSync(path.dirname(out), { recursive: true })
  fs.writeFileSync(out, JSON.stringify(report, null, 2) + "\n")
  if (server) fs.writeFileSync(path.join(path.dirname(out), "install-pnpm-medusa.log"), server.output())
  console.log(`pnpm install test: ${JSON.stringify(report)}`)
}, 60_000)

describe(`${PLUGIN} installed with pnpm beside a React 19 app, Medusa ${MEDUSA}`, () => {
  it("declares as its lowest Medusa the version this test runs", () => {
    // The other end of the range is the Medusa this repository develops on (install.spec.ts, npm).
    const semver = require("semver") as { minVersion(r: string): { version: string } | null }
    for (const name of ["@medusajs/framework", "@medusajs/medusa", "@medusajs/admin-sdk", "@medusajs/js-sdk", "@medusajs/icons", "@medusajs/types"]) {
      const range = PKG.peerDependencies[name]
      expect({ name, lowest: semver.minVersion(range)?.version }).toEqual({ name, lowest: MEDUSA })
    }
  })

  it("installs both apps of the workspace with pnpm", async () => {
    const { tarball } = await packPlugin(tmp)
    fs.mkdirSync(WS, { recursive: true })
    fs.copyFileSync(tarball, path.join(WS, "plugin.tgz"))
    writeJson(path.join(WS, "package.json"), { name: "athmovil-dtc-shaped", private: true, packageManager: "pnpm@10.11.1" })
    fs.writeFileSync(path.join(WS, "pnpm-workspace.yaml"), 'packages:\n  - "apps/*"\n')
    fs.writeFileSync(path.join(WS, ".npmrc"), "auto-install-peers=true\n") // as the DTC starter's
    writeJson(path.join(BACKEND, "package.json"), {
      name: "@shop/backend",
      private: true,
      scripts: { build: "medusa build", start: "medusa start" },
      dependencies: { ...BACKEND_DEPS, [PLUGIN]: "file:../../plugin.tgz" },
      devDependencies: BACKEND_DEV_DEPS,
    })
    writeJson(path.join(STOREFRONT, "package.json"), {
      name: "@shop/storefront",
      private: true,
      dependencies: { ...STOREFRONT_DEPS, [PLUGIN]: "file:../../plugin.tgz" },
    })
    fs.copyFileSync(path.join(ROOT, "examples/medusa-config.ts"), path.join(BACKEND, "medusa-config.ts"))
    writeJson(path.join(BACKEND, "tsconfig.json"), {
      compilerOptions: {
        target: "ES2021", esModuleInterop: true, module: "Node16", moduleResolution: "Node16", emitDecoratorMetadata: true,
        experimentalDecorators: true, skipLibCheck: true, declaration: false, sourceMap: false, inlineSourceMap: true,
        outDir: "./.medusa/server", rootDir: "./", jsx: "react-jsx", resolveJsonModule: true, strictNullChecks: true,
      },
      "ts-node": { swc: true },
      include: ["**/*", ".medusa/types/*"],
      exclude: ["node_modules", ".medusa/server", ".medusa/admin", ".cache"],
    })
    // pnpm's lockfile from the last run with the same manifests: pnpm then resolves only what changed
    // (the plugin's tarball), instead of asking the registry about ~1,500 packages again.
    const manifests = [path.join(WS, "package.json"), path.join(BACKEND, "package.json"), path.join(STOREFRONT, "package.json")]
    const lockCache = path.join(CACHE, `pnpm-lock-${hashFiles(manifests, fs.readFileSync(path.join(WS, ".npmrc"), "utf8"), WS)}.yaml`)
    report.lockfileCached = fs.existsSync(lockCache)
    if (fs.existsSync(lockCache)) fs.copyFileSync(lockCache, path.join(WS, "pnpm-lock.yaml"))
    const install = await run(
      PNPM,
      ["install", "--prefer-offline", "--store-dir", path.join(CACHE, "pnpm-store"), "--reporter=append-only", "--config.confirmModulesPurge=false"],
      { cwd: WS, env: cleanEnv(), timeoutMs: 420_000 }
    )
    report.pnpmInstallMs = install.ms
    fs.mkdirSync(CACHE, { recursive: true })
    fs.copyFileSync(path.join(WS, "pnpm-lock.yaml"), lockCache)
    for (const old of fs.readdirSync(CACHE).filter((f) => /^pnpm-lock-.*\.yaml$/.test(f) && f !== path.basename(lockCache))) {
      fs.rmSync(path.join(CACHE, old), { force: true })
    }
    for (const app of [BACKEND, STOREFRONT]) expect(fs.existsSync(path.join(app, "node_modules", PLUGIN, "package.json"))).toBe(true)
    installed = true
  }, 480_000)

  it("installs into a storefront-only project (React 19) without any Medusa server package", async () => {
    expect(installed).toBe(true)
    // A storefront in its own repository. (Inside a workspace that also holds the backend, pnpm links
    // the optional peers it finds there; nothing is downloaded for them.)
    const shop = path.join(tmp, "storefront-only")
    writeJson(path.join(shop, "package.json"), {
      name: "storefront-only",
      private: true,
      dependencies: { "@medusajs/js-sdk": MEDUSA, react: "19.0.5", "react-dom": "19.0.5", [PLUGIN]: `file:${path.join(WS, "plugin.tgz")}` },
    })
    fs.writeFileSync(path.join(shop, ".npmrc"), "auto-install-peers=true\n")
    const install = await run(PNPM, ["install", "--prefer-offline", "--store-dir", path.join(CACHE, "pnpm-store"), "--reporter=append-only"], {
      cwd: shop,
      env: cleanEnv(),
      timeoutMs: 180_000,
    })
    report.storefrontOnlyInstallMs = install.ms
    const packages = fs.readdirSync(path.join(shop, "node_modules", ".pnpm")).filter((d) => d !== "node_modules" && d !== "lock.yaml")
    report.storefrontOnlyPackages = packages.length
    const server = packages.filter((d) => /^@medusajs\+(medusa|framework|admin-sdk|admin-bundler|dashboard|cli)@/.test(d))
    expect(server).toEqual([])
    expect(install.out).not.toMatch(/unmet peer @medusajs\//)
    expect(fs.existsSync(path.join(shop, "node_modules", PLUGIN, ".medusa/server/src/storefront/index.js"))).toBe(true)
  }, 240_000)

  it("gives the admin code the backend's own react-query, react-router-dom and @medusajs/ui", () => {
    expect(installed).toBe(true)
    // Node's lookup (and Vite's): <dir>/node_modules/<name> for each ancestor that is not itself a
    // node_modules folder. For the plugin that reaches pnpm's .pnpm/<id>/node_modules, where its
    // resolved peers are linked, and then pnpm's hidden hoisting folder.
    const lookup = (from: string, name: string) => {
      for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
        if (path.basename(dir) === "node_modules") continue
        const candidate = path.join(dir, "node_modules", name)
        if (fs.existsSync(candidate)) return fs.realpathSync(candidate)
      }
      return "not found"
    }
    const pluginDir = fs.realpathSync(path.join(BACKEND, "node_modules", PLUGIN))
    const seen = ["@tanstack/react-query", "react-router-dom", "@medusajs/ui", "react-i18next"].map((name) => ({
      name,
      plugin: lookup(pluginDir, name),
      backend: lookup(BACKEND, name),
    }))
    expect(seen).toEqual(seen.map(({ name, backend }) => ({ name, plugin: backend, backend })))
  })

  it("migrates, builds the admin, starts and takes an ATH Móvil checkout to an order", async () => {
    expect(installed).toBe(true)
    sandbox = await startSandbox({ port: 0 })
    const athEnv = {
      ATHMOVIL_PUBLIC_TOKEN: sandbox.tokens.publicToken,
      ATHMOVIL_PRIVATE_TOKEN: sandbox.tokens.privateToken,
      ATHMOVIL_WEBHOOK_SECRET: "pnpm-webhook-secret-0123456789abcdef",
      ATHMOVIL_API_BASE_URL: sandbox.apiBaseUrl,
      ATHMOVIL_REPORT_BASE_URL: sandbox.reportBaseUrl,
    }
    await recreateDatabase(DB_NAME)
    dbCreated = true

    // The admin build depends on what pnpm resolved and on the plugin's admin bundle, nothing else.
    const tarballIntegrity = fs.readFileSync(path.join(WS, "pnpm-lock.yaml"), "utf8").replace(/integrity: sha512-[A-Za-z0-9+/=]+, tarball: file:[^}]*/g, "")
    const adminBundle = path.join(BACKEND, "node_modules", PLUGIN, ".medusa/server/src/admin/index.mjs")
    const key = hashFiles([adminBundle, path.join(BACKEND, "medusa-config.ts")], tarballIntegrity, WS)
    const cached = path.join(CACHE, `admin-${MEDUSA}-${key}`)
    const adminBuild = fs.existsSync(path.join(cached, "index.html"))
      ? Promise.resolve({ ms: 0, cached: true })
      : run("npx", ["--no", "--", "medusa", "build", "--admin-only"], { cwd: BACKEND, env: backendEnv({ ...athEnv, NODE_ENV: "production" }), timeoutMs: 480_000 }).then(
          (r) => {
            fs.mkdirSync(CACHE, { recursive: true })
            fs.rmSync(cached, { recursive: true, force: true })
            fs.cpSync(path.join(BACKEND, ".medusa", "admin"), cached, { recursive: true })
            // Two builds are enough (lowest Medusa, today's plugin); older ones are stale.
            for (const old of fs.readdirSync(CACHE).filter((d) => d.startsWith(`admin-${MEDUSA}-`) && d !== path.basename(cached))) {
              fs.rmSync(path.join(CACHE, old), { recursive: true, force: true })
            }
            return { ms: r.ms, cached: false }
          }
        )
    const migrate = await run("npx", ["--no", "--", "medusa", "db:migrate"], { cwd: BACKEND, env: backendEnv(athEnv), timeoutMs: 300_000 })
    report.migrateMs = migrate.ms
    await run("npx", ["--no", "--", "medusa", "user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], { cwd: BACKEND, env: backendEnv(athEnv), timeoutMs: 120_000 })
    // The store setup helper, exactly as the README has the merchant run it (the DTC starter seeds EUR only).
    const setup = await run("npx", ["--no", "--", "medusa", "exec", SETUP_SCRIPT], { cwd: BACKEND, env: backendEnv(athEnv), timeoutMs: 180_000 })
    report.setupRegionMs = setup.ms
    expect(setup.out).toMatch(/region reg_\w+ \(USD, pr, pp_athmovil_athmovil\): created/)
    expect(setup.out).toMatch(/tax region \w+ \(IVU 11\.5 %\): created/)
    expect(setup.out).toMatch(/shipping option so_\w+ \(USD\): created/)
    const built = await adminBuild
    report.adminBuildMs = built.ms
    report.adminBuildCached = built.cached
    // `medusa start` serves the dashboard from ./public/admin.
    fs.cpSync(cached, path.join(BACKEND, "public", "admin"), { recursive: true })
    expect(listFiles(path.join(BACKEND, "public", "admin"))).toContain("index.html")

    const port = await freePort()
    // NODE_ENV neither "development" (`medusa start` would serve the admin from Vite's dev server:
    // minutes of dependency pre-bundling, not the build in ./public/admin) nor "production"/"staging"
    // (Secure session cookies: the admin login would not stick on http://localhost).
    server = await startMedusa(BACKEND, backendEnv({ ...athEnv, NODE_ENV: "install", ATHMOVIL_PUBLIC_BASE_URL: `http://localhost:${port}` }), port)
    report.bootMs = server.bootMs
    const api = new HostApi(server.baseUrl)
    await api.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    const providers = await api.http("GET", "/admin/payments/payment-providers", undefined, api.admin())
    expect(providers.json.payment_providers).toEqual(expect.arrayContaining([expect.objectContaining({ id: ATH_PROVIDER_ID, is_enabled: true })]))

    const store = await seedOnSetupRegion(api, "Puerto Rico")
    const sdk = storefront(store)
    const cart = await cartReadyToPay(sdk, store)
    const { session } = await startAthPayment(sdk, cart)
    sandbox.approve({ ecommerceId: (session.data as { ecommerce_id: string }).ecommerce_id })
    const done = await sdk.store.cart.complete(cart.id)
    expect(done.type).toBe("order")
    orderId = (done as { order: { id: string } }).order.id
  }, 900_000)

  it("opens the admin order page and the ATH Móvil page in Chromium without an error", async () => {
    expect(orderId).toBeTruthy()
    const pages = await openAdminPages({
      adminUrl: `${server!.baseUrl}/app`,
      email: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
      orderId,
      screenshots: path.join(ROOT, ".test-results", "install-pnpm"),
    })
    report.adminPages = pages.map(({ page, rendered, errors }) => ({ page, rendered, errors: errors.length }))
    expect(pages).toEqual([
      { page: "admin-order", rendered: true, errors: [], text: "" },
      { page: "admin-athmovil", rendered: true, errors: [], text: "" },
    ])
  }, 240_000)
})
