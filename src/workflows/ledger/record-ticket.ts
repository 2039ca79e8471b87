import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { AthPayment } from "../../lib/athmovil"
import { ATHMOVIL_MODULE } from "../../modules/athmovil"
import type AthMovilModuleService from "../../modules/athmovil/service"
import type { TransactionDTO } from "../../modules/athmovil/types"
import { ledgerFieldsFromTicket, type TicketLedgerContext } from "../../providers/athmovil/ledger-handoff"
import type { AthMovilContainer as Container } from "../../providers/athmovil/container"


/** Workflows always say which account's client read the ticket. */
export type TicketContext = TicketLedgerContext & { providerId: string }

/** Writes what ATH says about a ticket into the ledger (the module refuses to regress COMPLETED). */
export async function recordTicket(container: Container, ticket: AthPayment, ctx: TicketContext): Promise<TransactionDTO> {
  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const row = await athmovil.upsertTransaction(ledgerFieldsFromTicket(ticket, ctx))
  if (ctx.paymentId) await linkLedgerToPayment(container, row.id, ctx.paymentId)
  return row
}

export async function linkLedgerToPayment(container: Container, transactionId: string, paymentId: string): Promise<void> {
  const link = container.resolve<{ create(def: unknown): Promise<unknown> }>(ContainerRegistrationKeys.LINK)
  try {
    await link.create({
      [ATHMOVIL_MODULE]: { ath_transaction_id: transactionId },
      [Modules.PAYMENT]: { payment_id: paymentId },
    })
  } catch (e) {
    // One ticket settles one payment, so an existing link is this same pair: Medusa's one-to-one
    // check refuses even an identical link, which a second writer (webhook vs. subscriber) meets.
    if (!(e instanceof Error) || !/multiple links|already exists|duplicate key/i.test(e.message)) throw e
  }
}
