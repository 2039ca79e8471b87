#!/usr/bin/env node
/**
 * `npm test`: every suite (unit, module, HTTP integration, install, browser) in one Jest run on
 * PostgreSQL, then one plain line "N passed, N failed" computed from Jest's JSON results.
 * Extra arguments go to Jest (e.g. `npm test -- integration-tests/http/checkout-webhooks.spec.ts`).
 */
const { spawnSync } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")

const root = path.resolve(__dirname, "..")
const resultsFile = path.join(root, ".test-results", "jest.json")
fs.mkdirSync(path.dirname(resultsFile), { recursive: true })
fs.rmSync(resultsFile, { force: true })

/*
 * Suites run side by side in ATHMOVIL_TEST_WORKERS Jest workers (default 2): most of a Medusa suite's
 * time is waiting (sandbox, timers, child processes), so two workers on two cores roughly halve the
 * wall time. Each suite has its own database, sandbox port and Medusa port; the two install suites
 * share one build under a lock. ATHMOVIL_TEST_WORKERS=1 runs everything in band, one after another.
 * A worker that holds over 3 GB after a suite is replaced (Medusa apps leave garbage behind).
 */
const startedAt = Date.now()
const workers = Math.max(1, Number(process.env.ATHMOVIL_TEST_WORKERS || 2))
const jest = require.resolve("jest/bin/jest")
const run = spawnSync(
  process.execPath,
  [
    jest,
    ...(workers === 1 ? ["--runInBand"] : [`--maxWorkers=${workers}`, "--workerIdleMemoryLimit=3GB"]),
    "--forceExit",
    "--json",
    `--outputFile=${resultsFile}`,
    ...process.argv.slice(2),
  ],
  {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --experimental-vm-modules --max-old-space-size=6144`.trim(),
    },
  }
)

/** Each suite's wall time, slowest first: where `npm test`'s minutes go. */
function printSuiteTimes(results) {
  const rows = (results.testResults ?? [])
    .map((r) => ({
      file: path.relative(root, r.name),
      seconds: (r.endTime - r.startTime) / 1000,
      tests: (r.assertionResults ?? []).length,
      status: r.status,
    }))
    .sort((a, b) => b.seconds - a.seconds)
  if (!rows.length) return
  const total = rows.reduce((sum, r) => sum + r.seconds, 0)
  const wall = Math.round((Date.now() - startedAt) / 1000)
  console.log(`\nSuite times (${rows.length} suites, ${total.toFixed(0)} s of suites in ${wall} s of wall time):`)
  for (const r of rows) {
    console.log(`${r.seconds.toFixed(1).padStart(7)} s  ${String(r.tests).padStart(3)} tests  ${r.status === "passed" ? "  " : "✗ "}${r.file}`)
  }
}

let passed = 0
let failed = 0
let failedSuites = 0
if (fs.existsSync(resultsFile)) {
  const results = JSON.parse(fs.readFileSync(resultsFile, "utf8"))
  passed = results.numPassedTests
  failed = results.numFailedTests
  failedSuites = results.numFailedTestSuites
  if (results.numRuntimeErrorTestSuites) failedSuites = Math.max(failedSuites, results.numRuntimeErrorTestSuites)
  printSuiteTimes(results)
}
console.log(`\n${passed} passed, ${failed} failed`)
if (failedSuites > 0 && failed === 0) console.log(`(${failedSuites} test suite(s) failed to run)`)
process.exit(run.status === 0 && failed === 0 && failedSuites === 0 ? 0 : 1)
