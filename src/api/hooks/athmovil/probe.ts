import { createHmac } from "node:crypto"

/** A probe's nonce: 32 hex characters, fresh per check. */
export const PROBE_NONCE = /^[0-9a-f]{32}$/

/**
 * What the listener answers a probe with: proves the answering server knows the webhook secret
 * (it is this store, or an instance of it) without echoing the secret, and a fresh nonce makes
 * an old answer useless.
 */
export function probeProof(webhookSecret: string, nonce: string): string {
  return createHmac("sha256", webhookSecret).update(`athmovil-listener-probe:${nonce}`).digest("hex")
}
