import { z } from "zod"
import { AccountField, adminAccount } from "../account"
import { kindsOf, LEDGER_KIND_FILTERS, type LedgerKindFilter } from "../../../../modules/athmovil/utils/books-filter"
import { TRANSACTION_STATUSES } from "../../../../modules/athmovil/utils/transaction-upsert-sql"
import type { LedgerListFilter } from "../../../../modules/athmovil/utils/transactions-list-sql"
import type { AthTransactionStatus } from "../../../../modules/athmovil/types"
import type { AthMovilContainer } from "../../../../providers/athmovil/container"

/** The ledger filter the list and its totals share, so both always describe the same rows. */
export const LedgerFilterQuery = {
  ...AccountField,
  status: z.enum(TRANSACTION_STATUSES as [AthTransactionStatus, ...AthTransactionStatus[]], {
    message: `status must be one of ${TRANSACTION_STATUSES.join(", ")}`,
  }).optional(),
  q: z.string().trim().max(64, "q must be at most 64 characters").optional(),
  from: z.coerce.date({ message: "from must be a date (YYYY-MM-DD or an ISO date-time)" }).optional(),
  to: z.coerce.date({ message: "to must be a date (YYYY-MM-DD or an ISO date-time)" }).optional(),
  payment_id: z.string().max(64, "payment_id must be at most 64 characters").optional(),
  // Checkouts by default; "other" is other ATH income (app payments and donations), totalled apart.
  kind: z
    .enum(LEDGER_KIND_FILTERS as [LedgerKindFilter, ...LedgerKindFilter[]], { message: `kind must be one of ${LEDGER_KIND_FILTERS.join(", ")}` })
    .default("ecommerce"),
}

const Schema = z.object(LedgerFilterQuery)

/** `container`: to check `provider_id` against the store's accounts (the first when absent). */
export function ledgerFilter(container: AthMovilContainer, query: z.output<typeof Schema>): LedgerListFilter {
  return {
    provider_id: adminAccount(container, query.provider_id).providerId,
    kinds: kindsOf(query.kind),
    status: query.status,
    from: query.from,
    to: query.to,
    payment_id: query.payment_id,
    q: query.q || undefined,
  }
}
