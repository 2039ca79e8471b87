"use strict"
/**
 * The admin dashboard at /app, served by `medusa start` from a production build.
 *
 * Measured on a 2-core machine: `medusa develop`-style serving (Vite dev server) needs no build
 * but the first page load takes ~55 s (dependency pre-bundling) and every later load ~5 s; a
 * production build takes ~50 s once and then loads in about a second. The build is cached in
 * `.demo/admin` under a key made of the dashboard's version and the plugin's `src/admin` files,
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
 * Makes sure `.demo/admin` holds a build of the dashboard with the plugin's admin extensions.
 * Returns `{ dir, built, seconds }` (`built` false when the cached build was reused).
 */
async function ensureAdminBuild({ root, demoDir, log }) {
  const dir = path.join(demoDir, "admin")
  const key = buildKey(root)
  const keyFile = path.join(dir, ".build-key")
  if (fs.existsSync(path.join(dir, "index.html")) && fs.existsSync(keyFile) && fs.readFileSync(keyFile, "utf8") === key) {
    return { dir, built: false, seconds: 0 }
  }
  log("Building the admin dashboard (about a minute, once; cached in .demo/admin)…")
  const started = Date.now()
  const tmp = path.join(demoDir, `admin.tmp-${process.pid}-${Date.now()}`)
  await runProcess("admin build", process.execPath, [path.join(__dirname, "build-admin-worker.js"), tmp, ADMIN_PATH], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production" },
    logFile: path.join(demoDir, "logs", `admin-build-${process.pid}.log`),
  })
  fs.writeFileSync(path.join(tmp, ".build-key"), key)
  // Swap in atomically: a concurrent demo either sees the old build or the new one.
  const old = `${dir}.old-${process.pid}-${Date.now()}`
  if (fs.existsSync(dir)) fs.renameSync(dir, old)
  fs.renameSync(tmp, dir)
  fs.rmSync(old, { recursive: true, force: true })
  return { dir, built: true, seconds: Math.round((Date.now() - started) / 1000) }
}

module.exports = { ensureAdminBuild, ADMIN_PATH }
