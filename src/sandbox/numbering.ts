import { randomBytes } from "node:crypto"
import { formatPrDate } from "./pr-time"

/**
 * Reference numbers and daily transaction ids. Payments and refunds share one
 * daily counter per business: the refund sample shows the original as "0106"
 * and its refund as "0107".
 */
export class Numbering {
  private sequence = 0
  private readonly dailyCounters = new Map<string, number>()

  constructor(private readonly sequenceStart = 100_000_000 + Math.floor(Math.random() * 800_000_000)) {}

  /** "215070443-402894c185ab1be40185acfe61c2000b": a 9-digit sequence, a dash and 32 hex digits. */
  referenceNumber(): string {
    const prefix = this.sequenceStart + this.sequence++
    return `${prefix}-${randomBytes(16).toString("hex")}`
  }

  /** "0006": zero-padded position of the transaction in its Puerto Rico calendar day. */
  dailyTransactionId(merchantKey: string, atMs: number): string {
    const key = `${merchantKey}|${formatPrDate(atMs)}`
    const next = (this.dailyCounters.get(key) ?? 0) + 1
    this.dailyCounters.set(key, next)
    return String(next).padStart(4, "0")
  }

  reset(): void {
    this.sequence = 0
    this.dailyCounters.clear()
  }
}
