#!/usr/bin/env node
/**
 * `npm run bench`: the performance figures of the plugin, measured side by side with a reference
 * on a real Medusa server process, a fresh PostgreSQL database and the ATH sandbox. A benchmark,
 * not a test: it prints a table and writes bench/results.json and bench/RESULTS.md, and never
 * fails because of a time. Options: --only=scale,checkout,approval,peak,webhooks,reconcile,memory;
 * --big-rows=N; --profile-server=DIR (a CPU profile of the server, read with bench/profile-summary.js)
 */
process.env.TS_NODE_TRANSPILE_ONLY = "true"
require("ts-node").register({ transpileOnly: true, project: require("node:path").join(__dirname, "..", "tsconfig.json") })
require("./bench.ts")
  .main(process.argv.slice(2))
  .then(
    () => process.exit(0),
    (e) => {
      console.error(e)
      process.exit(1)
    }
  )
