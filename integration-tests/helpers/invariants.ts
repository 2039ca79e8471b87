/**
 * The payment invariants every chaos scenario must keep, checked against both sides: the ATH
 * sandbox (what really happened to the shopper's money) and Medusa (what the store recorded).
 */
import { inspect } from "node:util"
import { Modules } from "@medusajs/framework/utils"
import type { AthSandbox, TicketSnapshot } from "../../src/sandbox"
import { ATH_PROVIDER_ID } from "./store"

type Container = { resolve<T = any>(key: string): T }

/** 2-decimal string of a number or numeric string, for comparing money. */
export function money(value: unknown): string {
  return Number(value ?? 0).toFixed(2)
}

export interface InvariantReport {
  tickets: number
  completed: number
  orders: number
}

/**
 * - no shopper charged twice: every ticket saw at most one /authorization;
 * - every COMPLETED ticket belongs to exactly one Medusa payment, captured once, in exactly one order
 *   (unless the scenario names it as a known difference);
 * - no refund made twice: ATH's refunds (count and total) equal the Medusa refunds of that payment;
 * - nothing that ATH did not complete is captured in Medusa.
 */
export async function assertPaymentInvariants(
  container: Container,
  sandbox: AthSandbox,
  { differences = [] }: { differences?: string[] } = {}
): Promise<InvariantReport> {
  const tickets = sandbox.listTickets()
  const problems: string[] = []
  for (const t of tickets) {
    if (t.authorizationCount > 1) problems.push(`ticket ${t.ecommerceId} was authorized ${t.authorizationCount} times`)
  }

  const paymentModule = container.resolve(Modules.PAYMENT)
  const query = container.resolve("query")
  const payments: Array<Record<string, any>> = await paymentModule.listPayments(
    { provider_id: ATH_PROVIDER_ID },
    { select: ["id", "data", "amount", "captured_at", "payment_collection_id"], relations: ["captures", "refunds"], take: 10_000 }
  )
  const byTicket = new Map<string, Array<Record<string, any>>>()
  for (const p of payments) {
    const id = (p.data as { ecommerce_id?: string } | null)?.ecommerce_id ?? "(none)"
    byTicket.set(id, [...(byTicket.get(id) ?? []), p])
  }

  let orders = 0
  const completed = tickets.filter((t) => t.status === "COMPLETED")
  for (const t of completed) {
    if (differences.includes(t.ecommerceId)) continue
    const mine = byTicket.get(t.ecommerceId) ?? []
    if (mine.length !== 1) {
      problems.push(`COMPLETED ticket ${t.ecommerceId} has ${mine.length} Medusa payments`)
      continue
    }
    const payment = mine[0]
    if ((payment.captures ?? []).length !== 1) problems.push(`payment ${payment.id} has ${(payment.captures ?? []).length} captures`)
    if (money(payment.amount) !== t.total) problems.push(`payment ${payment.id} is ${money(payment.amount)}, ATH ticket ${t.total}`)
    const { data: links } = await query.graph({
      entity: "order_payment_collection",
      fields: ["order_id"],
      filters: { payment_collection_id: payment.payment_collection_id },
    })
    if (links.length !== 1) problems.push(`COMPLETED ticket ${t.ecommerceId} is in ${links.length} orders`)
    orders += links.length
    const refunds: Array<{ amount: unknown }> = payment.refunds ?? []
    const medusaRefunded = money(refunds.reduce((s, r) => s + Number(r.amount), 0))
    if (medusaRefunded !== t.totalRefundedAmount || refunds.length !== t.refunds.length) {
      problems.push(
        `ticket ${t.ecommerceId}: ATH refunded ${t.totalRefundedAmount} in ${t.refunds.length} refund(s), Medusa ${medusaRefunded} in ${refunds.length}`
      )
    }
  }
  for (const t of tickets.filter((x) => x.status !== "COMPLETED")) {
    for (const p of byTicket.get(t.ecommerceId) ?? []) {
      if (p.captured_at || (p.captures ?? []).length) problems.push(`payment ${p.id} is captured but ATH ticket ${t.ecommerceId} is ${t.status}`)
    }
  }
  expect(problems).toEqual([])
  return { tickets: tickets.length, completed: completed.length, orders }
}

export async function ordersOfCart(container: Container, cartId: string): Promise<string[]> {
  const { data } = await container.resolve("query").graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cartId } })
  return data.map((d: { order_id: string }) => d.order_id)
}

export function ticketOf(sandbox: AthSandbox, ecommerceId: string): TicketSnapshot {
  const t = sandbox.getTicket(ecommerceId)
  if (!t) throw new Error(`no sandbox ticket ${ecommerceId}`)
  return t
}

/* ------------------------------------------------------------------ logs */

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/

export interface LogCapture {
  /** Every line written since the capture started (Medusa logger, console, stdout/stderr, child processes). */
  lines: string[]
  /** Adds lines from elsewhere (a child process's output). */
  add(source: string, lines: string[]): void
  /** Fails naming the first offending line if any secret or any JWT was logged. */
  assertNoSecrets(secrets: string[]): void
  stop(): void
}

type Patchable = Record<string, unknown>

/**
 * Records everything Medusa writes while it runs in this process: the container logger's every
 * method (with errors inspected, so causes and response bodies count), console, and raw
 * stdout/stderr writes.
 */
export function captureLogs(logger: Patchable): LogCapture {
  const lines: string[] = []
  const restore: Array<() => void> = []
  const patch = (target: Patchable, method: string, describe: (args: unknown[]) => string) => {
    const original = target[method]
    if (typeof original !== "function") return
    target[method] = function (this: unknown, ...args: unknown[]) {
      try {
        lines.push(describe(args))
      } catch {
        lines.push("<unprintable log call>")
      }
      return (original as (...a: unknown[]) => unknown).apply(this, args)
    }
    restore.push(() => {
      target[method] = original
    })
  }
  const inspectArgs = (args: unknown[]) =>
    args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 8, breakLength: Infinity, showHidden: false }))).join(" ")

  // What a deployment would write: calls below the logger's level produce no output.
  const shouldLog = (level: string) => {
    const check = (logger as { shouldLog?: (l: string) => boolean }).shouldLog
    return typeof check !== "function" || check.call(logger, level)
  }
  for (const method of ["info", "warn", "error", "debug", "http", "verbose", "silly"]) {
    patch(logger, method, (args) => (shouldLog(method) ? inspectArgs(args) : ""))
  }
  for (const method of ["log", "activity", "progress", "success", "failure", "panic"]) {
    patch(logger, method, inspectArgs)
  }
  for (const method of ["log", "info", "warn", "error", "debug", "trace"]) {
    patch(console as unknown as Patchable, method, inspectArgs)
  }
  for (const stream of [process.stdout, process.stderr]) {
    patch(stream as unknown as Patchable, "write", (args) => String(args[0]))
  }
  return {
    lines,
    add(source, more) {
      for (const l of more) lines.push(`[${source}] ${l}`)
    },
    assertNoSecrets(secrets) {
      const bad = lines.find((l) => secrets.some((s) => s && l.includes(s)) || JWT.test(l))
      if (bad) {
        const which = secrets.find((s) => s && bad.includes(s))
        let shown = bad
        for (const s of secrets) if (s) shown = shown.split(s).join("<SECRET>")
        shown = shown.replace(new RegExp(JWT.source, "g"), "<JWT>")
        throw new Error(`a secret was logged (${which ? `"${which.slice(0, 6)}…"` : "a JWT"}): ${shown.slice(0, 600)}`)
      }
    },
    stop() {
      while (restore.length) restore.pop()!()
    },
  }
}
