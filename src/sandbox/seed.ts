import type { Merchant } from "./merchants"
import type { TicketStore } from "./tickets"

/** Deterministic PRNG so two runs of a benchmark seed the same data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Share of seeded payments refunded in part or in full, unless the caller says otherwise. */
const DEFAULT_REFUND_SHARE = 0.05

/**
 * Bulk COMPLETED payments spread uniformly over [from, to], `refundShare` of them (about 5 % by
 * default) partly or fully refunded within the range. No webhooks are sent. The data follows from
 * count and range alone, so a caller that needs an exact set of rows whatever the day says
 * `refundShare: 0`.
 */
export function seedCompletedPayments(
  store: TicketStore,
  merchant: Merchant,
  count: number,
  fromMs: number,
  toMs: number,
  refundShare = DEFAULT_REFUND_SHARE
): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`)
  if (!(fromMs <= toMs)) throw new RangeError("seed range: from must not be after to")
  if (!(refundShare >= 0 && refundShare <= 1)) throw new RangeError(`refundShare must be between 0 and 1, got ${refundShare}`)
  const random = mulberry32(count ^ fromMs)
  const span = toMs - fromMs
  // Sorted so each day's dailyTransactionId follows time order.
  const times = Array.from({ length: count }, () => fromMs + Math.floor(random() * span)).sort((a, b) => a - b)
  times.forEach((atMs, i) => {
    const totalCents = 100 + Math.floor(random() * 19_900)
    const taxCents = Math.floor(totalCents * 0.105)
    const phone = `787${String(Math.floor(random() * 10_000_000)).padStart(7, "0")}`
    const refund =
      random() < refundShare
        ? {
            cents: 1 + Math.floor(random() * totalCents),
            atMs: Math.min(toMs, atMs + Math.floor(random() * 3_600_000)),
          }
        : null
    store.insertCompleted(
      merchant,
      {
        totalCents,
        subtotalCents: totalCents - taxCents,
        taxCents,
        metadata1: `seed-${i + 1}`,
        metadata2: "report-bench",
        timeoutSeconds: 600,
        phoneNumber: phone,
        items: [
          {
            name: "Seeded item",
            description: "Synthetic report row",
            quantity: 1,
            priceCents: totalCents - taxCents,
            taxCents,
            metadata: "",
            sku: "",
            formattedPrice: "",
          },
        ],
      },
      atMs,
      refund,
    )
  })
}
