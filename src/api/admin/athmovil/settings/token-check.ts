import { randomUUID } from "node:crypto"
import { AthMovilError, AuthenticationError, TransactionError, ValidationError, type AthMovilClient } from "../../../../lib/athmovil"
import { isNoRecordsError } from "../../../../lib/athmovil/report"
import { buildError } from "../../../../providers/athmovil/errors"
import type { TokenCheck, TokenState } from "../../../../modules/athmovil/admin-views"

export type { TokenCheck, TokenState }

function failure(action: string, e: unknown): { state: TokenState; message: string } {
  if (e instanceof AuthenticationError) return { state: "rejected", message: buildError(action, e).message }
  if (e instanceof AthMovilError) return { state: "unreachable", message: buildError(action, e).message }
  throw e
}

/**
 * Proves the tokens work with calls that change nothing at ATH: findPayment of a random ticket
 * id (ATH knows the merchant, so it answers "EcommerceId does not exist", BTRA_0031) and a
 * one-minute transaction report from yesterday (needs the private token; "no records" is fine).
 */
export async function checkTokens(client: AthMovilClient, hasPrivateToken: boolean): Promise<TokenCheck> {
  const started = Date.now()
  const messages: string[] = []
  let publicState: TokenState = "ok"
  try {
    await client.findPayment(randomUUID())
  } catch (e) {
    // Any ticket-level answer means ATH accepted the merchant's public token.
    if (!(e instanceof TransactionError)) {
      const f = failure("check the public token", e)
      publicState = f.state
      messages.push(f.message)
    }
  }

  let privateState: TokenState = hasPrivateToken ? "ok" : "not_configured"
  if (hasPrivateToken && publicState !== "unreachable") {
    const from = new Date(Date.now() - 24 * 3600_000)
    try {
      await client.transactionReport({ from, to: new Date(from.getTime() + 60_000) })
    } catch (e) {
      // "No records" and date complaints come after ATH accepted both tokens.
      if (!isNoRecordsError(e) && !(e instanceof ValidationError) && !(e instanceof TransactionError)) {
        const f = failure("check the private token", e)
        privateState = f.state
        messages.push(f.message)
      }
    }
  } else if (hasPrivateToken) {
    privateState = "unreachable"
  }
  return {
    public_token: publicState,
    private_token: privateState,
    message: messages.length ? messages.join(" ") : null,
    checked_at: new Date().toISOString(),
    duration_ms: Date.now() - started,
  }
}
