#!/usr/bin/env node
"use strict"
/**
 * `npm run demo [-- --port-base N] [--fresh] [--no-install]`
 *
 * One command on a fresh machine with PostgreSQL reachable (DATABASE_URL, default
 * postgres://postgres@localhost:5432/medusa_athmovil_demo): installs dependencies if needed,
 * creates and migrates the database, seeds a Puerto Rico store with ATH Móvil, and starts the
 * ATH Móvil sandbox, Medusa with its admin, and a demo storefront. Ctrl-C stops everything.
 */
const { spawnSync } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")

const ROOT = path.resolve(__dirname, "..", "..")

const USAGE = `Usage: npm run demo -- [options]

  --port-base <n>   Medusa on n, storefront on n+1, ATH sandbox on n+2 (default 9000)
  --fresh           Drop and recreate the demo database first
  --no-install      Do not run "npm install" when node_modules is missing
  -h, --help        Show this help

Environment: DATABASE_URL (default postgres://postgres@localhost:5432/medusa_athmovil_demo)
`

function parseArgs(argv) {
  const opts = { portBase: 9000, fresh: false, install: true }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === "--fresh") opts.fresh = true
    else if (arg === "--no-install") opts.install = false
    else if (arg === "-h" || arg === "--help") opts.help = true
    else if (arg === "--port-base" || arg.startsWith("--port-base=")) {
      const value = arg.includes("=") ? arg.split("=")[1] : argv[++i]
      if (!/^\d+$/.test(value ?? "")) throw new Error(`--port-base needs a number, e.g. --port-base 9100`)
      opts.portBase = Number(value)
    } else throw new Error(`Unknown option ${arg}\n\n${USAGE}`)
  }
  return opts
}

function ensureDependencies(install) {
  if (fs.existsSync(path.join(ROOT, "node_modules", "@medusajs", "medusa", "package.json"))) return
  if (!install) {
    console.error('Dependencies are missing (no node_modules). Run "npm install" first, or drop --no-install.')
    process.exit(1)
  }
  console.log("Installing dependencies (npm install, a minute or two)…")
  const npm = process.platform === "win32" ? "npm.cmd" : "npm"
  const result = spawnSync(npm, ["install", "--no-audit", "--no-fund"], { cwd: ROOT, stdio: "inherit" })
  if (result.status !== 0) {
    console.error(`npm install failed (exit code ${result.status ?? result.signal}).`)
    process.exit(1)
  }
}

function printBlock(stack) {
  const phone = stack.phoneNumber.replace(/(\d{3})(\d{3})(\d{4})/, "$1-$2-$3")
  const lines = [
    "",
    "ATH Móvil demo is running",
    "",
    `  Storefront   ${stack.storefrontUrl}`,
    `  ATH phone    ${stack.phonePageUrl}`,
    `               approve or reject payments sent to the demo phone ${phone} here`,
    `  Admin        ${stack.adminUrl}`,
    `               ${stack.admin.email} / ${stack.admin.password}`,
    `  Medusa API   ${stack.medusaUrl}   (publishable key ${stack.publishableKey})`,
    "",
    `Logs in ${path.relative(process.cwd(), stack.logsDir) || "."}. Press Ctrl-C to stop.`,
    "",
  ]
  console.log(lines.join("\n"))
}

async function main() {
  let opts
  try {
    opts = parseArgs(process.argv.slice(2))
  } catch (err) {
    console.error(err.message)
    process.exit(2)
  }
  if (opts.help) {
    console.log(USAGE)
    return
  }
  ensureDependencies(opts.install)

  const { startStack, DemoError } = require("./stack")
  const log = (line) => console.log(`• ${line}`)
  let stack = null
  let stopping = false
  const shutdown = async (signal) => {
    // A second Ctrl-C does not wait: the exit handler kills the process groups at once.
    if (stopping) process.exit(130)
    stopping = true
    console.log(`\n${signal === "SIGINT" ? "Ctrl-C: s" : "S"}topping the demo…`)
    if (stack) await stack.stop()
    console.log("Stopped.")
    process.exit(0)
  }
  process.on("SIGINT", () => void shutdown("SIGINT"))
  process.on("SIGTERM", () => void shutdown("SIGTERM"))

  try {
    stack = await startStack({ databaseUrl: process.env.DATABASE_URL, portBase: opts.portBase, fresh: opts.fresh, log })
  } catch (err) {
    if (err instanceof DemoError) {
      console.error(`\n${err.message}`)
      process.exit(1)
    }
    throw err
  }
  if (stopping) return
  printBlock(stack)
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err)
  process.exit(1)
})
