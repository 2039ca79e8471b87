"use strict"
/**
 * The admin dashboard at /app, served by `medusa start` from a production build.
 *
 * Measured on a 2-core machine: `medusa develop`-style serving (Vite dev server) needs no build
 * but the first page load takes ~55 s (dependency pre-bundling) and every later load ~5 s; a
 * production build takes ~50 s once, then the login page loads in ~3 s. The build is cached in
 * `.demo/admin/<key>`, the key made of the dashboard's version and the plugin's `src/admin` files,
 * so it only runs again when those change. `medusa build` is not used: in a plugin repository it
 * would overwrite `.medusa/server`, the plugin's own build output.
 */
const crypto = require("node:crypto")
const fs = require("node:fs")
const path = require("node:path")
const { runProcess } = require("./processes")

const ADMIN_PATH = "/app"

function versionOf(root, pkg) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, "node_modules", pkg, "package.json"), "utf8")).version
  } catch {
    return "missing"
  }
}

function listFiles(dir, base = dir, out = []) {
  if (!fs.existsSync(dir)) return out
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) listFiles(full, base, out)
    else out.push(path.relative(base, full))
  }
  return out
}

function buildKey(root) {
  const hash = crypto.createHash("sha256")
  for (const pkg of ["@medusajs/dashboard", "@medusajs/admin-bundler", "@medusajs/admin-vite-plugin", "@medusajs/ui", "@medusajs/js-sdk"]) {
    hash.update(`${pkg}@${versionOf(root, pkg)}\n`)
  }
  hash.update(`path=${ADMIN_PATH}\n`)
  const adminSrc = path.join(root, "src", "admin")
  for (const file of listFiles(adminSrc)) {
    hash.update(`${file}\n`)
    hash.update(fs.readFileSync(path.join(adminSrc, file)))
  }
  return hash.digest("hex").slice(0, 16)
}

/**
 * Makes sure `.demo/admin/<key>` holds a build of the dashboard with the plugin's admin
 * extensions. Each build has its own folder, so a rebuild never swaps files under a demo that is
 * still serving an older one; only the two newest builds are kept.
 * Returns `{ dir, built, seconds }` (`built` false when the cached build was reused).
 */
async function ensureAdminBuild({ root, demoDir, log }) {
  const base = path.join(demoDir, "admin")
  const key = buildKey(root)
  const dir = path.join(base, key)
  if (fs.existsSync(path.join(dir, "index.html"))) {
    fs.utimesSync(dir, new Date(), new Date())
    return { dir, built: false, seconds: 0 }
  }
  log("Building the admin dashboard (about a minute, once; cached in .demo/admin)…")
  const started = Date.now()
  fs.mkdirSync(base, { recursive: true })
  const tmp = path.join(base, `.tmp-${process.pid}-${Date.now()}`)
  try {
    await runProcess("admin build", process.execPath, [path.join(__dirname, "build-admin-worker.js"), tmp, ADMIN_PATH], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "production" },
      logFile: path.join(demoDir, "logs", `admin-build-${key}.log`),
    })
    if (fs.existsSync(path.join(dir, "index.html"))) fs.rmSync(tmp, { recursive: true, force: true })
    else fs.renameSync(tmp, dir)
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true })
    throw err
  }
  const builds = fs
    .readdirSync(base, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => ({ name: e.name, at: fs.statSync(path.join(base, e.name)).mtimeMs }))
    .sort((a, b) => b.at - a.at)
  for (const old of builds.slice(2)) if (old.name !== key) fs.rmSync(path.join(base, old.name), { recursive: true, force: true })
  // Builds from before builds were kept per key.
  for (const stale of ["index.html", "assets", ".build-key"]) fs.rmSync(path.join(base, stale), { recursive: true, force: true })
  return { dir, built: true, seconds: Math.round((Date.now() - started) / 1000) }
}

module.exports = { ensureAdminBuild, ADMIN_PATH }
