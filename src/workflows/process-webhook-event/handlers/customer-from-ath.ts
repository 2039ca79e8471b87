import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Logger } from "@medusajs/framework/types"
import type { AthPayment } from "../../../lib/athmovil"
import type { AthMovilContext } from "../../../providers/athmovil/container"
import type { Container } from "./types"

export interface AthCustomer {
  name: string | null
  phone: string | null
  email: string | null
}

/**
 * Who paid, as ATH's own search answers it for the completed payment's reference number
 * (findPayment does not say). Never from the webhook body: anyone holding the listener URL can
 * write any name there. Best effort: without a private token or when the search fails, the
 * ledger's customer stays empty until the report sync fills it.
 */
export async function customerFromAth(container: Container, account: AthMovilContext, ticket: AthPayment): Promise<AthCustomer | undefined> {
  const { client, options } = account
  if (!ticket.referenceNumber || !options.privateToken) return undefined
  try {
    const rows = await client.searchTransaction({ referenceNumber: ticket.referenceNumber })
    const row = rows.find((r) => r.referenceNumber === ticket.referenceNumber && r.transactionType.toUpperCase() !== "REFUND")
    return row ? { name: row.name, phone: row.phoneNumber, email: row.email } : undefined
  } catch (e) {
    container
      .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
      .warn(`ATH Móvil search for the customer of ${ticket.ecommerceId} failed: ${e instanceof Error ? e.message : String(e)}`)
    return undefined
  }
}
