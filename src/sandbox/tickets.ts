import { randomUUID } from "node:crypto"
import { ApiError, SandboxError } from "./errors"
import type { Merchant } from "./merchants"
import { computeFeeCents, formatCents, type FeeRate } from "./money"
import type { Numbering } from "./numbering"
import type { CancelledBy, TicketStatus } from "./types"
import type { ItemInput, PaymentInput } from "./validation"

export interface Refund {
  referenceNumber: string
  ticket: Ticket
  amountCents: number
  message: string
  atMs: number
  dailyTransactionId: string
  via: "api" | "business-app"
}

export interface Ticket {
  ecommerceId: string
  merchant: Merchant
  status: TicketStatus
  cancelledBy: CancelledBy | null
  totalCents: number
  subtotalCents: number
  taxCents: number
  phoneNumber: string
  phoneHistory: string[]
  metadata1: string
  metadata2: string
  items: ItemInput[]
  createdAtMs: number
  expiresAtMs: number
  /** When the current phone got its push; picks the ticket a phone approves. */
  pushedAtMs: number
  completedAtMs: number | null
  referenceNumber: string | null
  dailyTransactionId: string | null
  feeCents: number | null
  refunds: Refund[]
  refundedCents: number
  authorizationCount: number
}

export type TicketEvent =
  | { kind: "completed" | "cancelled" | "expired"; ticket: Ticket; atMs: number }
  | { kind: "refund"; ticket: Ticket; refund: Refund; atMs: number }

export type CustomerTarget = { ecommerceId?: string; phoneNumber?: string }

/**
 * The ticket state machine (API.md §3): OPEN → CONFIRM → COMPLETED, and
 * CANCEL from OPEN or CONFIRM by merchant, customer or timeout. Expiry is
 * lazy (checked whenever a ticket is touched) plus swept by the sandbox.
 */
export class TicketStore {
  private readonly tickets = new Map<string, Ticket>()
  /** OPEN/CONFIRM tickets only, so sweeps stay cheap with 50,000 seeded ones. */
  private readonly live = new Set<Ticket>()
  private readonly byReference = new Map<string, Ticket>()
  private readonly completedByMerchant = new Map<Merchant, Ticket[]>()
  private readonly refundsByMerchant = new Map<Merchant, Refund[]>()

  constructor(
    private readonly now: () => number,
    private readonly numbering: Numbering,
    private readonly feeRate: FeeRate,
    private readonly emit: (event: TicketEvent) => void,
  ) {}

  create(merchant: Merchant, input: PaymentInput): Ticket {
    const at = this.now()
    const ticket: Ticket = {
      ecommerceId: randomUUID(),
      merchant,
      status: "OPEN",
      cancelledBy: null,
      totalCents: input.totalCents,
      subtotalCents: input.subtotalCents,
      taxCents: input.taxCents,
      phoneNumber: input.phoneNumber,
      phoneHistory: input.phoneNumber ? [input.phoneNumber] : [],
      metadata1: input.metadata1,
      metadata2: input.metadata2,
      items: input.items,
      createdAtMs: at,
      expiresAtMs: at + input.timeoutSeconds * 1000,
      pushedAtMs: at,
      completedAtMs: null,
      referenceNumber: null,
      dailyTransactionId: null,
      feeCents: null,
      refunds: [],
      refundedCents: 0,
      authorizationCount: 0,
    }
    this.tickets.set(ticket.ecommerceId, ticket)
    this.live.add(ticket)
    return ticket
  }

  get(ecommerceId: string): Ticket | undefined {
    const ticket = this.tickets.get(ecommerceId)
    if (ticket) this.expireIfDue(ticket)
    return ticket
  }

  list(): Ticket[] {
    this.sweep()
    return [...this.tickets.values()]
  }

  /** API lookup: unknown → BTRA_0031, another business's ticket → BTRA_0043. */
  getForMerchant(ecommerceId: unknown, merchant: Merchant): Ticket {
    if (ecommerceId === undefined || ecommerceId === null) throw new ApiError("BTRA_0019", "ecommerceId must not be null")
    const ticket = typeof ecommerceId === "string" ? this.get(ecommerceId) : undefined
    if (!ticket) throw new ApiError("BTRA_0031")
    if (ticket.merchant !== merchant) throw new ApiError("BTRA_0043")
    return ticket
  }

  sweep(): void {
    for (const ticket of [...this.live]) this.expireIfDue(ticket)
  }

  private expireIfDue(ticket: Ticket): void {
    if (!this.live.has(ticket) || this.now() < ticket.expiresAtMs) return
    this.cancel(ticket, "expiry")
    this.emit({ kind: "expired", ticket, atMs: ticket.expiresAtMs })
  }

  private cancel(ticket: Ticket, by: CancelledBy): void {
    ticket.status = "CANCEL"
    ticket.cancelledBy = by
    this.live.delete(ticket)
  }

  approve(target: CustomerTarget): Ticket {
    const ticket = this.customerTicket(target)
    ticket.status = "CONFIRM"
    return ticket
  }

  /** Customer rejection is the only cancel that triggers the "cancelled" webhook (S3). */
  reject(target: CustomerTarget): Ticket {
    const ticket = this.customerTicket(target)
    this.cancel(ticket, "customer")
    this.emit({ kind: "cancelled", ticket, atMs: this.now() })
    return ticket
  }

  private customerTicket(target: CustomerTarget): Ticket {
    let ticket: Ticket | undefined
    if (target.ecommerceId !== undefined) {
      ticket = this.get(target.ecommerceId)
      if (!ticket) throw new SandboxError(`No payment with ecommerceId ${target.ecommerceId}`, "BTRA_0031")
    } else if (target.phoneNumber !== undefined) {
      this.sweep()
      const phone = target.phoneNumber
      const pending = [...this.live].filter((t) => t.status === "OPEN" && t.phoneNumber === phone)
      ticket = pending.sort((a, b) => b.pushedAtMs - a.pushedAtMs)[0]
      if (!ticket) {
        const moved = [...this.live].some((t) => t.status === "OPEN" && t.phoneHistory.includes(phone))
        if (moved) throw new SandboxError(`The payment pushed to ${phone} now belongs to another phone number`, "BTRA_0036")
        throw new SandboxError(`No OPEN payment for phone ${phone}`, "BTRA_0031")
      }
    } else {
      throw new SandboxError("Pass ecommerceId or phoneNumber")
    }
    if (target.phoneNumber !== undefined && ticket.phoneNumber !== target.phoneNumber) {
      throw new SandboxError(`Payment ${ticket.ecommerceId} is no longer assigned to ${target.phoneNumber}`, "BTRA_0036")
    }
    if (ticket.status !== "OPEN") {
      const code = ticket.cancelledBy === "expiry" ? "BTRA_0039" : ticket.status === "CANCEL" ? "BTRA_0037" : "BTRA_0035"
      throw new SandboxError(`Payment ${ticket.ecommerceId} is ${describe(ticket)}, not OPEN`, code)
    }
    if (!ticket.phoneNumber) {
      throw new SandboxError(`Payment ${ticket.ecommerceId} has no phone number yet; nobody received the push`)
    }
    return ticket
  }

  /** POST /authorization: the step that debits the customer. */
  authorize(ticket: Ticket): Ticket {
    ticket.authorizationCount++
    this.expireIfDue(ticket)
    if (ticket.status === "OPEN") throw new ApiError("BTRA_0032")
    if (ticket.status === "CANCEL") throw new ApiError(ticket.cancelledBy === "expiry" ? "BTRA_0039" : "BTRA_0037")
    if (ticket.status === "COMPLETED") throw new ApiError("BTRA_0035")
    this.complete(ticket, this.now())
    this.emit({ kind: "completed", ticket, atMs: ticket.completedAtMs as number })
    return ticket
  }

  private complete(ticket: Ticket, atMs: number): void {
    ticket.status = "COMPLETED"
    ticket.completedAtMs = atMs
    ticket.referenceNumber = this.numbering.referenceNumber()
    ticket.dailyTransactionId = this.numbering.dailyTransactionId(ticket.merchant.publicToken, atMs)
    ticket.feeCents = computeFeeCents(ticket.totalCents, this.feeRate)
    this.live.delete(ticket)
    this.byReference.set(ticket.referenceNumber, ticket)
    const list = this.completedByMerchant.get(ticket.merchant) ?? []
    list.push(ticket)
    this.completedByMerchant.set(ticket.merchant, list)
  }

  /** Cancelling an already cancelled (or expired) ticket succeeds again: cancel is idempotent. */
  cancelByMerchant(ticket: Ticket): void {
    if (ticket.status === "COMPLETED") throw new ApiError("BTRA_0035")
    if (ticket.status !== "CANCEL") this.cancel(ticket, "merchant")
  }

  /** Re-sends the push: from now on only the new phone can approve. */
  updatePhone(ticket: Ticket, phone: string): void {
    if (ticket.status === "CANCEL") throw new ApiError(ticket.cancelledBy === "expiry" ? "BTRA_0039" : "BTRA_0037")
    if (ticket.status !== "OPEN") throw new ApiError("BTRA_0035")
    ticket.phoneNumber = phone
    ticket.phoneHistory.push(phone)
    ticket.pushedAtMs = this.now()
  }

  /** Refund lookup is by the payment's referenceNumber, scoped to the business. */
  refund(merchant: Merchant, referenceNumber: string, amountCents: number, message: string, via: Refund["via"]): Refund {
    const ticket = this.byReference.get(referenceNumber)
    if (!ticket || ticket.merchant !== merchant) throw new ApiError("BTRA_0053")
    if (amountCents > ticket.totalCents - ticket.refundedCents) {
      throw new ApiError(
        "BTRA_0030",
        `The refund failed with a status error: ${formatCents(amountCents)} exceeds the refundable ${formatCents(ticket.totalCents - ticket.refundedCents)}`,
      )
    }
    const at = this.now()
    const refund = this.recordRefund(ticket, amountCents, message, at, via)
    this.emit({ kind: "refund", ticket, refund, atMs: at })
    return refund
  }

  private recordRefund(ticket: Ticket, amountCents: number, message: string, atMs: number, via: Refund["via"]): Refund {
    const refund: Refund = {
      referenceNumber: this.numbering.referenceNumber(),
      ticket,
      amountCents,
      message,
      atMs,
      dailyTransactionId: this.numbering.dailyTransactionId(ticket.merchant.publicToken, atMs),
      via,
    }
    ticket.refunds.push(refund)
    ticket.refundedCents += amountCents
    const list = this.refundsByMerchant.get(ticket.merchant) ?? []
    list.push(refund)
    this.refundsByMerchant.set(ticket.merchant, list)
    return refund
  }

  /** A COMPLETED ticket with a past date, without events: bulk data for reports. */
  insertCompleted(
    merchant: Merchant,
    input: PaymentInput,
    completedAtMs: number,
    refund: { cents: number; atMs: number } | null,
  ): void {
    const ticket = this.create(merchant, input)
    ticket.createdAtMs = completedAtMs - 30_000
    ticket.pushedAtMs = ticket.createdAtMs
    ticket.expiresAtMs = ticket.createdAtMs + input.timeoutSeconds * 1000
    this.complete(ticket, completedAtMs)
    ticket.authorizationCount = 1
    if (refund) this.recordRefund(ticket, refund.cents, "Seeded refund", refund.atMs, "business-app")
  }

  completedPayments(merchant: Merchant): readonly Ticket[] {
    return this.completedByMerchant.get(merchant) ?? []
  }

  refunds(merchant: Merchant): readonly Refund[] {
    return this.refundsByMerchant.get(merchant) ?? []
  }

  findByReference(referenceNumber: string): Ticket | undefined {
    return this.byReference.get(referenceNumber)
  }

  reset(): void {
    this.tickets.clear()
    this.live.clear()
    this.byReference.clear()
    this.completedByMerchant.clear()
    this.refundsByMerchant.clear()
  }
}

function describe(ticket: Ticket): string {
  if (ticket.status !== "CANCEL") return ticket.status
  return ticket.cancelledBy === "expiry" ? "CANCEL (expired)" : `CANCEL (by ${ticket.cancelledBy})`
}
