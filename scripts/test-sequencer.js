/**
 * The order `npm test` hands suites to its workers. Jest's own order (last run's durations, else the
 * file's size) knows nothing on a fresh clone, where it would start the small group files of the HTTP
 * suites last and leave one worker running them alone for minutes. Long suites go first so the short
 * ones fill the gaps at the end: the demo stack (it waits), the install suites, the other browser
 * suites (child processes, builds), the type check, then the HTTP suites by the size of their
 * sources (a group counts its member suites), then the module suite, then unit suites. Same inputs,
 * same order, on every machine.
 */
const fs = require("node:fs")
const path = require("node:path")
const Sequencer = require("@jest/test-sequencer").default

const RANKS = [
  // Half of its time is a real 120 s wait (the demo's expiring payment): started first, the wait
  // overlaps the other worker's installs and builds, the most CPU-hungry suites.
  [/[\\/]integration-tests[\\/]browser[\\/]demo-stack\.spec\.ts$/, 0],
  [/[\\/]integration-tests[\\/]install[\\/]/, 0.5],
  [/[\\/]integration-tests[\\/]browser[\\/]/, 0.7],
  // tsc over the server and the admin: ~35 s alone, the last unit suite to start when ranked by size.
  [/[\\/]src[\\/]__tests__[\\/]typecheck\.unit\.spec\.ts$/, 0.8],
  [/[\\/]integration-tests[\\/]http[\\/]/, 1],
  [/\.unit\.spec\.[jt]sx?$/, 3],
]

function rank(file) {
  for (const [pattern, value] of RANKS) if (pattern.test(file)) return value
  return 2
}

/** A suite's source size; a group spec adds the `*.suite` files it requires or imports. */
function weight(file) {
  const source = fs.readFileSync(file, "utf8")
  let size = source.length
  for (const [, member] of source.matchAll(/(?:require\(|from )"(\.\/[^"]+\.suite)"/g)) {
    const resolved = path.resolve(path.dirname(file), `${member}${path.extname(file)}`)
    if (fs.existsSync(resolved)) size += fs.statSync(resolved).size
  }
  return size
}

class AthMovilSequencer extends Sequencer {
  sort(tests) {
    const keyed = tests.map((test) => ({ test, rank: rank(test.path), weight: weight(test.path) }))
    keyed.sort((a, b) => a.rank - b.rank || b.weight - a.weight || a.test.path.localeCompare(b.test.path))
    return keyed.map((k) => k.test)
  }
}

module.exports = AthMovilSequencer
