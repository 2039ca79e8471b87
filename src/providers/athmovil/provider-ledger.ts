import type { Logger } from "@medusajs/framework/types"
import type { AthPayment } from "../../lib/athmovil"
import type { UpsertTransactionInput } from "../../modules/athmovil/types"
import { lookupSessionCart, type SessionCart } from "./cart-lookup"
import { ledgerFieldsFromTicket, writeLedger } from "./ledger-handoff"
import type { AthSessionData } from "./session-data"

/** The Payment module's shared pg connection (knex). */
export type ProviderKnex = Parameters<typeof writeLedger>[0]

/**
 * The provider's reads and writes of the plugin's own rows, on the Payment module's shared pg
 * connection (the athmovil module is not in the Payment module's container). Bookkeeping and the
 * receipt's detail never fail a payment: a failure is one warning line.
 */
export class ProviderLedger {
  constructor(
    private readonly pg: () => ProviderKnex | undefined,
    private readonly logger: Logger,
    /** The provider's own account (`pp_athmovil_<id>`): every row it writes is that account's. */
    private readonly providerId: () => string
  ) {}

  /** The ledger row, with the module's own guarded upsert (status only moves forward). */
  async write(fields: UpsertTransactionInput): Promise<void> {
    const knex = this.pg()
    if (!knex) return
    try {
      await writeLedger(knex, { ...fields, provider_id: this.providerId() })
    } catch (e) {
      this.logger.warn(`ATH Móvil ledger not updated for ticket ${fields.ecommerce_id}: ${e instanceof Error ? e.message : String(e)}`)
    }
  }

  /** A live ATH answer about the session's ticket. */
  async recordRead(data: AthSessionData, payment: AthPayment, status?: "CANCEL" | "EXPIRED"): Promise<void> {
    await this.write(
      ledgerFieldsFromTicket(payment, {
        via: "poll",
        status,
        sessionId: data.session_id ?? null,
        cartId: data.cart_id ?? null,
        expiresAt: data.expires_at ?? null,
      })
    )
  }

  /** The cart behind a session; a failed lookup costs the receipt its detail, never the payment. */
  async sessionCart(sessionId: string): Promise<SessionCart | null> {
    const knex = this.pg()
    if (!sessionId || !knex) return null
    try {
      return await lookupSessionCart(knex, sessionId)
    } catch (e) {
      this.logger.warn(`ATH Móvil could not read the cart of session ${sessionId}; the receipt is one line: ${e instanceof Error ? e.message : String(e)}`)
      return null
    }
  }
}
