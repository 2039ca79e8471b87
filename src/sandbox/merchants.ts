import { createHash } from "node:crypto"
import { ApiError } from "./errors"
import type { SandboxMerchant } from "./types"

export const SANDBOX_DEFAULT_TOKENS = {
  publicToken: "sandbox-public-token-0001",
  privateToken: "sandbox-private-token-0001",
}

export interface Merchant {
  publicToken: string
  privateToken: string
  businessName: string
  businessPath: string
  industry: string
  businessCustomerId: string
  /** Meaning undocumented; both 2025 webhook samples carry the same value, so it is per business. */
  referenceTransactionId: string
}

/** Ids derive from the token so they stay stable across restarts of the sandbox. */
function hex32(seed: string): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, 32)
}

function toMerchant(m: SandboxMerchant): Merchant {
  const businessName = m.businessName ?? "ATH Business Sandbox"
  return {
    publicToken: m.publicToken,
    privateToken: m.privateToken,
    businessName,
    businessPath: businessName.replace(/[^A-Za-z0-9]/g, "") || "sandbox",
    industry: "COMPUTERS",
    businessCustomerId: hex32(`business:${m.publicToken}`),
    referenceTransactionId: hex32(`reference-transaction:${m.publicToken}`),
  }
}

export class MerchantRegistry {
  private readonly byPublicToken = new Map<string, Merchant>()
  readonly first: Merchant

  constructor(merchants: SandboxMerchant[]) {
    if (merchants.length === 0) throw new Error("startSandbox: merchants must not be empty")
    for (const m of merchants) {
      if (!m.publicToken || !m.privateToken) throw new Error("startSandbox: every merchant needs publicToken and privateToken")
      if (this.byPublicToken.has(m.publicToken)) throw new Error(`startSandbox: duplicate publicToken ${m.publicToken}`)
      this.byPublicToken.set(m.publicToken, toMerchant(m))
    }
    this.first = this.byPublicToken.values().next().value as Merchant
  }

  /** Routes that only carry the publicToken (payment, findPayment, cancel). */
  byPublic(publicToken: unknown): Merchant {
    if (publicToken === undefined || publicToken === null) throw new ApiError("BTRA_0019", "publicToken must not be null")
    const merchant = typeof publicToken === "string" ? this.byPublicToken.get(publicToken) : undefined
    if (!merchant) throw new ApiError("BTRA_0017")
    return merchant
  }

  /** Routes that need both tokens of the same business (refund, report, search, subscribe). */
  byPair(publicToken: unknown, privateToken: unknown): Merchant {
    const merchant = this.byPublic(publicToken)
    if (privateToken === undefined || privateToken === null) throw new ApiError("BTRA_0019", "privateToken must not be null")
    if (privateToken !== merchant.privateToken) throw new ApiError("BTRA_0017")
    return merchant
  }
}
