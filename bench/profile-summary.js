#!/usr/bin/env node
/**
 * Reads a V8 CPU profile (`npm run bench -- --only=checkout --profile-server=DIR` writes one when the
 * server stops) and prints where the server's CPU time went: by area (this plugin's code, each
 * @medusajs package, the PostgreSQL driver, other packages, Node itself, GC, idle) as self time, and
 * the plugin's own functions by inclusive time (everything they called), so a checkout's overhead
 * can be traced to the code that spends it. Usage: node bench/profile-summary.js FILE.cpuprofile [top]
 */
const fs = require("node:fs")
const path = require("node:path")

const root = path.resolve(__dirname, "..")
const [file, topArg] = process.argv.slice(2)
if (!file) {
  process.stderr.write("usage: node bench/profile-summary.js FILE.cpuprofile [top]\n")
  process.exit(2)
}
const top = Number(topArg ?? 25)
const profile = JSON.parse(fs.readFileSync(file, "utf8"))

const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const parent = new Map()
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)

const plugin = (url) => url.includes(`${root}/src/`) || url.includes(`${root}/.medusa/server/src/`)
function area(frame) {
  const url = frame.url || ""
  if (frame.functionName === "(garbage collector)") return "GC"
  if (frame.functionName === "(idle)") return "idle"
  if (frame.functionName === "(program)") return "V8 (program)"
  if (plugin(url)) return "plugin (src/)"
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) return pkg[1] === "pg" || pkg[1].startsWith("pg-") ? "pg (PostgreSQL driver)" : pkg[1]
  if (url.startsWith("node:") || !url) return "Node.js"
  return "other"
}

// Sample durations: timeDeltas[i] is the time before samples[i].
const dt = profile.timeDeltas
const selfMs = new Map()
const inclusiveMs = new Map()
let totalMs = 0
profile.samples.forEach((id, i) => {
  const ms = (dt[i + 1] ?? dt[i] ?? 0) / 1000
  totalMs += ms
  const node = byId.get(id)
  const a = area(node.callFrame)
  selfMs.set(a, (selfMs.get(a) ?? 0) + ms)
  // Every plugin function on this sample's stack, once each (recursion counted once).
  const seen = new Set()
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const f = byId.get(cur).callFrame
    if (!plugin(f.url)) continue
    const key = `${f.functionName || "(anonymous)"} ${path.relative(root, f.url.replace(/^file:\/\//, ""))}:${f.lineNumber + 1}`
    if (seen.has(key)) continue
    seen.add(key)
    inclusiveMs.set(key, (inclusiveMs.get(key) ?? 0) + ms)
  }
})

const busy = totalMs - (selfMs.get("idle") ?? 0)
const pct = (ms, of) => `${((100 * ms) / of).toFixed(1)} %`
const rows = (map, n) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n)
process.stdout.write(`profile ${path.basename(file)}: ${(totalMs / 1000).toFixed(1)} s, busy ${(busy / 1000).toFixed(1)} s\n\n`)
process.stdout.write("self time by area (share of busy time)\n")
for (const [a, ms] of rows(selfMs, 20)) if (a !== "idle") process.stdout.write(`  ${pct(ms, busy).padStart(7)}  ${ms.toFixed(0).padStart(7)} ms  ${a}\n`)
process.stdout.write(`\nplugin functions by inclusive time (share of busy time), top ${top}\n`)
for (const [k, ms] of rows(inclusiveMs, top)) process.stdout.write(`  ${pct(ms, busy).padStart(7)}  ${ms.toFixed(0).padStart(7)} ms  ${k}\n`)
