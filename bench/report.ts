/**
 * bench/RESULTS.md from bench/results.json: one table, each figure with its 10,000-row baseline,
 * its 1,000,000-row value and the ratio where the figure depends on the store's size, then the
 * plans of the admin's statements at 1M rows.
 */

const f = (v: unknown, unit = "") => (v === null || v === undefined || Number.isNaN(v) ? "—" : `${v}${unit}`)
const signed = (v: number) => (v < 0 ? `−${-v}` : `+${v}`)
const verdict = (ok: boolean | null | undefined) => (ok === null || ok === undefined ? "—" : ok ? "met" : "not met")
const ratio = (a: number | undefined, b: number | undefined) => (a && b ? Math.round((b / a) * 100) / 100 : null)
const k = (n: number | undefined) => (n === undefined ? "—" : n.toLocaleString("en-US"))

export function markdown(results: Record<string, any>): string {
  const m = results.machine
  const rows: string[][] = []
  const small = results.scale?.small
  const big = results.scale?.big

  if (small || big) {
    const keys = Object.keys((big ?? small).timings)
    for (const key of keys) {
      const a = small?.timings[key]
      const b = big?.timings[key]
      const list = key !== "month_totals" && key !== "customers" && key !== "refunds" && key !== "all_totals"
      const r = ratio(a?.p95, b?.p95)
      rows.push([
        `${list ? "Admin list" : "Admin"}: ${(b ?? a).label} — p95 (p50)`,
        a ? `${a.p95} ms (${a.p50})` : "—",
        b ? `${b.p95} ms (${b.p50})` : "—",
        f(r, "×"),
        list ? "≤ 150 ms at 1M and ≤ 2× 10k" : "≤ 300 ms at 1M",
        b ? verdict(list ? b.p95 <= 150 && (r === null || r <= 2) : b.p95 <= 300) : "—",
      ])
    }
  }
  const ex = big?.export
  if (ex) {
    rows.push([
      `CSV export of one month (transactions.csv, ${ex.range.from} … ${ex.range.to})`,
      "—",
      `${k(ex.rows)} rows, ${ex.mb} MB in ${ex.ms} ms (first byte ${ex.first_byte_ms} ms); server RSS ${ex.rss_idle_mb} → peak ${ex.rss_peak_mb} MB`,
      `${signed(ex.rss_growth_mb)} MB`,
      "streams; peak RSS ≤ idle + 50 MB",
      verdict(ex.status === 200 && ex.rss_growth_mb <= 50),
    ])
  }
  const sw = (s: any) => s?.sweeps
  if (sw(small) || sw(big)) {
    const a = sw(small)
    const b = sw(big)
    const cell = (x: any) =>
      x ? `first run ${x.closed_tab.first_run_ms} ms (${x.closed_tab.ordered}/${x.closed_tab.shoppers} ordered), later runs ${x.closed_tab.later_runs_median_ms} ms; ${k(x.payment_sessions)} sessions` : "—"
    rows.push([
      "Closed-tab sweep: finished sessions + 5 fresh paid-and-closed",
      cell(a),
      cell(b),
      f(ratio(a?.closed_tab.first_run_ms, b?.closed_tab.first_run_ms), "×"),
      "≤ 1 s a run; all 5 ordered",
      b ? verdict(Math.max(...b.closed_tab.runs) <= 1000 && b.closed_tab.ordered === b.closed_tab.shoppers) : "—",
    ])
    const cell2 = (x: any) =>
      x ? `first run ${x.webhook_retry.first_run_ms} ms (${x.webhook_retry.retried_first_run} retried), later runs ${x.webhook_retry.later_runs_median_ms} ms; ${k(x.webhook_events)} events` : "—"
    rows.push([
      "Webhook retry sweep (150 exhausted + 3 fresh failures)",
      cell2(a),
      cell2(b),
      f(ratio(a?.webhook_retry.first_run_ms, b?.webhook_retry.first_run_ms), "×"),
      "≤ 200 ms a run",
      b ? verdict(Math.max(...b.webhook_retry.runs) <= 200 && b.webhook_retry.fresh_failures_done === 3) : "—",
    ])
  }
  const r = results.reconcile
  if (r) {
    const [a, b] = [r.runs[0], r.runs[r.runs.length - 1]]
    const cell = (x: any) =>
      `${(x.workflow.ms / 1000).toFixed(1)} s, ${x.workflow.rows_per_second} rows/s; RSS ${x.workflow.rss_before_mb} → peak ${x.workflow.rss_peak_mb} MB (${signed(x.workflow.rss_peak_mb - x.workflow.rss_before_mb)})`
    const growth = r.linear_growth_ratio.workflow
    const c = r.capped
    // Memory is judged as a small container runs it (heap capped); the uncapped peak is shown beside it.
    const over = c?.completed ? c.rss_peak_mb - c.rss_before_mb : b.workflow.rss_peak_mb - b.workflow.rss_before_mb
    const cappedCell = !c
      ? ""
      : c.completed
        ? `; heap capped at ${c.heap_cap_mb} MB: ${(c.ms / 1000).toFixed(1)} s, RSS ${c.rss_before_mb} → peak ${c.rss_peak_mb} MB (${signed(c.rss_peak_mb - c.rss_before_mb)})`
        : `; heap capped at ${c.heap_cap_mb} MB: did not complete`
    rows.push([
      `Reconciliation: ${k(a.size)} vs ${k(b.size)} report payments (columns: 10k | 50k)`,
      cell(a),
      `${cell(b)}${cappedCell}`,
      `growth ${f(growth)} × linear`,
      "growth ≤ 1.1 × linear; peak RSS ≤ idle + 150 MB",
      verdict(growth !== null && growth <= 1.1 && over <= 150 && c?.completed !== false),
    ])
  }
  const w = results.webhooks
  const o = results.webhooks_open
  if (w) {
    const share = w.ceiling ? Math.round((w.acks_per_second / w.ceiling.requests_per_second) * 100) : null
    rows.push([
      `Webhook acks vs \`GET /health\`, ${w.senders} senders, same run (1M store)`,
      `/health: ${w.ceiling?.requests_per_second}/s, p99 ${w.ceiling?.latency.p99} ms`,
      `listener: ${w.acks_per_second} acks/s, p99 ${w.ack.p99} ms; ${w.originals_stored}/${w.distinct} stored once, ${w.lost} lost, ${w.processed_once} applied within 60 s (${w.waiting_for_retry_sweep ?? 0} waiting for the retry sweep)`,
      `${f(share, " %")} of the ceiling`,
      "≥ 60 % of the ceiling",
      verdict(share !== null && share >= 60 && w.lost === 0),
    ])
  }
  if (o) {
    rows.push([
      `Webhook acks, open loop at ${o.rate_offered} deliveries/s for ${o.seconds} s`,
      "—",
      `achieved ${o.achieved_per_second}/s; p50 ${o.ack.p50} ms, p99 ${o.ack.p99} ms, max ${o.ack.max} ms`,
      "—",
      "p99 ≤ 50 ms",
      verdict(o.ack.p99 <= 50),
    ])
  }
  const c = results.checkout
  if (c) {
    rows.push([
      `Checkout overhead: \`cart.complete\`, approved ATH Móvil vs \`pp_system_default\` (${c.ath.n} each, interleaved)`,
      `pp_system_default p50 ${c.system.p50} ms, p95 ${c.system.p95} ms`,
      `ATH Móvil p50 ${c.ath.p50} ms, p95 ${c.ath.p95} ms (${f(c.ath_calls_per_complete)} ATH calls)`,
      `${c.ratio_p50}× (p95 ${c.ratio_p95}×)`,
      "≤ 1.10×",
      verdict(c.ratio_p50 <= 1.1),
    ])
  }
  const mem = results.memory
  if (mem) {
    rows.push([
      `Idle RSS with the plugin (${mem.samples_mb.differences.length} starts each, alternating)`,
      `without ${mem.without_plugin_mb} MB`,
      `with ${mem.with_plugin_mb} MB`,
      `${signed(mem.difference_mb)} MB (per round ${mem.samples_mb.differences.map(signed).join(", ")})`,
      "≤ +40 MB",
      verdict(mem.difference_mb <= 40),
    ])
  }
  const a = results.approval
  if (a) {
    const limit = c ? Math.round(a.read_interval_ms / 2 + c.system.p50) : null
    rows.push([
      `Approval → order (${a.kit.n}, one at a time, approval at a random moment)`,
      `limit: ${a.read_interval_ms / 2} ms mean wait for the next read + ${c ? c.system.p50 : "?"} ms system checkout = ${f(limit, " ms")}`,
      `storefront kit: mean ${a.kit.mean} ms, p50 ${a.kit.p50} ms, p95 ${a.kit.p95} ms; ${a.ath_calls_per_checkout.kit} ATH calls`,
      limit ? `${signed(Math.round(a.kit.mean - limit))} ms` : "—",
      "within 100 ms of the limit",
      verdict(limit === null ? null : a.kit.mean - limit <= 100),
    ])
  }

  const table = [
    "| Figure | 10k (or reference) | 1M (or plugin) | Ratio | Target | Result |",
    "|---|---|---|---|---|---|",
    ...rows.map((row) => `| ${row.map((cell) => String(cell).replace(/\|/g, "\\|")).join(" | ")} |`),
  ].join("\n")

  const seeded = (s: any) => (s ? `${Object.entries(s.seeded.rows).map(([t, n]) => `${t} ${k(n as number)}`).join(", ")} in ${Math.round(s.seeded.ms / 1000)} s` : "—")
  const plans = (big?.plans ?? [])
    .map((p: any) => `### ${p.label}: ${p.name}\n\n\`\`\`\n${p.plan}\n\`\`\``)
    .join("\n\n")

  return `# Benchmark results (\`npm run bench\`)

Run ${results.started_at} → ${results.finished_at ?? "?"} on ${m.cores} cores (${m.cpu}), ${m.ram_gb} GiB RAM, Node ${m.node},
PostgreSQL ${m.postgres}, Medusa ${m.medusa}, ${m.os}; load average at start ${m.load_average_at_start.join(" / ")}.
One \`medusa start\` process (repository medusa-config.ts, in-memory event bus/locking), a fresh database, the ATH
sandbox with no added latency. Times are wall-clock as a client sees them. Targets are goals, not tests.

Seeded by SQL (bench/seed.ts): 10k store: ${seeded(small)}; 1M store: ${seeded(big)}.

${table}

How each figure is taken:

- **Admin**: each call 40 times in a row after 3 warm-ups, over HTTP with an admin token, exactly as the ATH Móvil page
  calls it (list: 20 rows + the count capped at 10,000; totals: \`/admin/athmovil/transactions/totals\`). The 10k column
  is the same store with 1 % of the rows (same shape: 3 years, statuses, customers, refunds); the searches look up one
  seeded customer's phone (as ATH writes it, "(787) 5xx-xxxx"), its last 4 digits, one reference and one ecommerce id.
- **CSV export**: \`transactions.csv\` of one Puerto Rico month (all kinds) through the admin route, read as a stream;
  the server's RSS is sampled every 20 ms and compared with its idle RSS just before.
- **Sweeps**: \`bench/sweeps.ts\` in a \`medusa exec\` process beside the server, warmed up by one run of each sweep;
  then 5 shoppers approve in ATH Móvil and close the tab and it times 5 runs of \`recoverAthMovilSessions\` (grace 0 s,
  at once: the server's own cron leaves sessions younger than 30 s alone), then 5 runs of \`retryPendingWebhookEvents\`
  after 3 fresh failures are written beside the 150 exhausted ones. "Later runs" is a run with nothing left to do: the
  cost of reading the tables.
- **Reconciliation**: seeded report payments (about 5 % refunded) that Medusa does not know, reconciled by
  \`runReportReconciliation\` in a \`medusa exec\` process; RSS before and peak of that process. The 50k run is
  repeated with Node's heap capped at 320 MB (\`--max-old-space-size\`, as a 512 MB container runs Node): uncapped,
  V8 leaves garbage uncollected while it has room, so that peak says little about what the work needs; the memory
  target is judged on the capped run.
- **Webhook acks**: refund notices for references no payment of the store has (stored, de-duplicated and processed for
  real without an ATH call), 1,000 distinct × 5 copies over 50 keep-alive connections, then the same number of
  \`GET /health\` (Medusa's HTTP stack with no route code: the ceiling). Open loop: deliveries sent every 10 ms whatever
  the answers, each timed from when it was due.
- **Checkout overhead**: only \`POST /store/carts/:id/complete\` is timed, ATH Móvil already approved; the reference is the
  same cart paid with \`pp_system_default\`; the two alternate.
- **Approval → order**: from the sandbox approval (uniformly random 0–2 s after the push) until the storefront kit holds
  the order. ATH allows one status read per second per ticket, so the best any client can do is the mean wait for the
  next read (half the interval) plus a checkout as fast as \`pp_system_default\`'s.
- **Idle RSS**: the repository app (plugin configured) and \`bench/no-plugin\` (same config without the plugin), 15 s
  after start, median of 5 samples per start.

## Plans of the admin's statements at 1M rows (\`EXPLAIN (ANALYZE, BUFFERS)\`)

${plans || "(not measured in this run)"}

Raw figures: \`bench/results.json\`.
`
}
