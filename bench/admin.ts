/**
 * The ATH Móvil admin page at a store's size: the Transactions list (default page, a month, a
 * status, the three searches), its totals, and the Customers and Refunds tabs, timed over HTTP
 * against the running server exactly as the admin calls them; and, at the big size, the
 * `EXPLAIN (ANALYZE, BUFFERS)` plan of every statement behind them (the migration's indexes are
 * justified by these plans; they are printed into bench/RESULTS.md).
 */
import { performance } from "node:perf_hooks"
import { customerPageSql } from "../src/modules/athmovil/utils/customers-sql"
import { refundPageSql, refundTotalsSql } from "../src/modules/athmovil/utils/refunds-list-sql"
import {
  ledgerListCountSql,
  ledgerListPageSql,
  ledgerListTotalsSql,
  type LedgerListFilter,
} from "../src/modules/athmovil/utils/transactions-list-sql"
import { ATH_PROVIDER, type SeedQuery } from "./seed"

export interface AdminProbe {
  key: string
  label: string
  /** Path and query as the admin page calls it. */
  path: string
  /** The statements behind the route (knex `?` bindings), for EXPLAIN. */
  statements: Array<{ name: string; sql: string; bindings: unknown[] }>
  group: "list" | "totals"
}

export interface Picks {
  phone: string
  reference: string
  ecommerceId: string
  monthFrom: Date
  monthTo: Date
}

/** Values to look up, taken from the seeded rows (a customer, a ticket) and a month in the middle of the three years. */
export async function pickTargets(db: SeedQuery): Promise<Picks> {
  const [row] = await db.query<{ phone: string; reference: string; ecommerce_id: string }>(`
SELECT customer_phone AS phone, reference_number AS reference, ecommerce_id FROM athmovil_transaction
WHERE id LIKE 'athtx_bench%' AND status = 'COMPLETED' AND kind = 'ecommerce' AND customer_phone LIKE '(%'
ORDER BY id OFFSET (SELECT count(*) / 3 FROM athmovil_transaction WHERE id LIKE 'athtx_bench%' AND status = 'COMPLETED' AND customer_phone LIKE '(%') LIMIT 1`)
  // A Puerto Rico calendar month about a year and a half back (AST = UTC−4 all year).
  const d = new Date(Date.now() - 540 * 86_400_000)
  const monthFrom = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1, 4))
  const monthTo = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1, 4) - 1)
  return { phone: row.phone, reference: row.reference, ecommerceId: row.ecommerce_id, monthFrom, monthTo }
}

function listProbe(key: string, label: string, query: Record<string, string>, filter: LedgerListFilter): AdminProbe {
  const qs = new URLSearchParams({ ...query, limit: "20", offset: "0" }).toString()
  const page = ledgerListPageSql(filter, 20, 0)
  const count = ledgerListCountSql(filter)
  return {
    key,
    label,
    group: "list",
    path: `/admin/athmovil/transactions?${qs}`,
    statements: [
      { name: "page", sql: page.sql, bindings: page.bindings },
      { name: "count (capped)", sql: count.sql, bindings: count.bindings },
    ],
  }
}

function totalsProbe(key: string, label: string, query: Record<string, string>, filter: LedgerListFilter): AdminProbe {
  const qs = new URLSearchParams(query).toString()
  const totals = ledgerListTotalsSql(filter)
  return {
    key,
    label,
    group: "totals",
    path: `/admin/athmovil/transactions/totals${qs ? `?${qs}` : ""}`,
    statements: [{ name: "totals", sql: totals.sql, bindings: totals.bindings }],
  }
}

export function adminProbes(p: Picks): AdminProbe[] {
  // The admin lists one account at a time (its first by default): the bench store has one.
  const checkout = { provider_id: ATH_PROVIDER, kinds: ["ecommerce" as const] }
  const month = { from: p.monthFrom.toISOString(), to: p.monthTo.toISOString() }
  const customers = customerPageSql({}, 51)
  const refunds = refundPageSql({}, null, 51, "desc")
  const refundTotals = refundTotalsSql({})
  return [
    listProbe("default", "default page (newest 20)", {}, checkout),
    listProbe("month", "one month", month, { ...checkout, from: p.monthFrom, to: p.monthTo }),
    listProbe("status", "status CANCEL", { status: "CANCEL" }, { ...checkout, status: "CANCEL" }),
    listProbe("phone", "search: phone", { q: p.phone }, { ...checkout, q: p.phone }),
    listProbe("last4", "search: last 4 digits", { q: p.phone.slice(-4) }, { ...checkout, q: p.phone.slice(-4) }),
    listProbe("reference", "search: reference", { q: p.reference }, { ...checkout, q: p.reference }),
    listProbe("ecommerce", "search: ecommerce id", { q: p.ecommerceId }, { ...checkout, q: p.ecommerceId }),
    totalsProbe("month_totals", "month totals", month, { ...checkout, from: p.monthFrom, to: p.monthTo }),
    {
      key: "customers",
      label: "Customers tab (first 50)",
      group: "totals",
      path: `/admin/athmovil/customers`,
      statements: [{ name: "customers", sql: customers.sql, bindings: customers.bindings }],
    },
    {
      key: "refunds",
      label: "Refunds tab (newest 50 + totals)",
      group: "totals",
      path: `/admin/athmovil/refunds`,
      statements: [
        { name: "page", sql: refunds.sql, bindings: refunds.bindings },
        { name: "totals", sql: refundTotals.sql, bindings: refundTotals.bindings },
      ],
    },
    totalsProbe("all_totals", "all-time totals (the page's header as it opens)", {}, checkout),
  ]
}

function p95(values: number[]) {
  const s = [...values].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]
  const r = (v: number) => Math.round(v * 10) / 10
  return { n: s.length, p50: r(at(0.5)), p95: r(at(0.95)), max: r(s[s.length - 1]) }
}

/** Sequential requests (an admin clicking), after warm-up; p50/p95 of the wall time of each. */
export async function timeProbes(baseUrl: string, headers: Record<string, string>, probes: AdminProbe[], samples = 40) {
  const out: Record<string, { label: string; path: string; status: number; p50: number; p95: number; max: number; n: number; rows: number | null }> = {}
  for (const probe of probes) {
    const call = async () => {
      const t = performance.now()
      const res = await fetch(`${baseUrl}${probe.path}`, { headers })
      const body = (await res.json()) as Record<string, unknown>
      return { ms: performance.now() - t, status: res.status, body }
    }
    let last = await call()
    for (let i = 0; i < 3; i++) last = await call()
    if (last.status !== 200) throw new Error(`${probe.path} answered ${last.status}: ${JSON.stringify(last.body).slice(0, 300)}`)
    const ms: number[] = []
    for (let i = 0; i < samples; i++) ms.push((await call()).ms)
    const list = (last.body.transactions ?? last.body.customers ?? last.body.refunds) as unknown[] | undefined
    out[probe.key] = { label: probe.label, path: probe.path, status: last.status, ...p95(ms), rows: list ? list.length : null }
  }
  return out
}

/** knex `?` placeholders → PostgreSQL `$n` (none of these statements has a literal `?`). */
function numbered(sql: string): string {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

const ISO = (v: unknown) => (v instanceof Date ? v.toISOString() : v)

export async function explainProbes(db: SeedQuery, probes: AdminProbe[]) {
  const plans: Array<{ key: string; label: string; name: string; plan: string }> = []
  for (const probe of probes) {
    for (const s of probe.statements) {
      // Once to warm the cache as the timed requests did, then the plan that is printed.
      await db.query(numbered(s.sql), s.bindings.map(ISO))
      const rows = await db.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${numbered(s.sql)}`, s.bindings.map(ISO))
      plans.push({ key: probe.key, label: probe.label, name: s.name, plan: rows.map((r) => r["QUERY PLAN"]).join("\n") })
    }
  }
  return plans
}
