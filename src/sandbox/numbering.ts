import { randomBytes } from "node:crypto"
import { formatPrDate } from "./pr-time"

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0").slice(-width)

/**
 * Reference numbers and daily transaction ids. Payments and refunds share one
 * daily counter per business: the refund sample shows the original as "0106"
 * and its refund as "0107".
 */
export class Numbering {
  /** Asked once per new reference: ATH's numbers come as "NNNNNNNNN-<hex32>" or as the bare 32 hex digits. */
  constructor(private readonly format: () => "sequence-hex" | "bare-hex" = () => "sequence-hex") {}

  private sequence = 0
  private readonly dailyCounters = new Map<string, number>()
  private readonly sequenceStart = 100_000_000 + Math.floor(Math.random() * 800_000_000)
  /**
   * ATH's 32-hex parts ("402894c185ab1be40185acfe61c2000b") look like Hibernate's
   * UUIDHexGenerator: host (8) + process (8) + time (12) + counter (4). Mimicking
   * it avoids a crypto call per reference, which matters when seeding 50,000 rows.
   */
  private readonly hostAndProcess = randomBytes(8).toString("hex")

  /** "215070443-402894c185ab1be40185acfe61c2000b": a 9-digit sequence, a dash and 32 hex digits (or the hex alone). */
  referenceNumber(): string {
    const n = this.sequence++
    const time = Date.now()
    const timeHex = hex(Math.floor(time / 2 ** 32), 4) + hex(time % 2 ** 32, 8)
    const hexPart = `${this.hostAndProcess}${timeHex}${hex(n, 4)}`
    return this.format() === "bare-hex" ? hexPart : `${this.sequenceStart + n}-${hexPart}`
  }

  /** "0006": zero-padded position of the transaction in its Puerto Rico calendar day. */
  dailyTransactionId(merchantKey: string, atMs: number): string {
    const key = `${merchantKey}|${formatPrDate(atMs)}`
    const next = (this.dailyCounters.get(key) ?? 0) + 1
    this.dailyCounters.set(key, next)
    return String(next).padStart(4, "0")
  }

  /** Keeps the reference sequence running so references stay unique across resets. */
  reset(): void {
    this.dailyCounters.clear()
  }
}
