import { AthMovilClient, type AthMovilClientOptions } from "../../lib/athmovil"
import type { ResolvedAthMovilOptions } from "./options"

export function createAthMovilClient(
  options: ResolvedAthMovilOptions,
  extra: Partial<Pick<AthMovilClientOptions, "onRequest">> = {}
): AthMovilClient {
  return new AthMovilClient({
    publicToken: options.publicToken,
    privateToken: options.privateToken,
    apiBaseUrl: options.apiBaseUrl,
    reportBaseUrl: options.reportBaseUrl,
    requestTimeoutMs: options.requestTimeoutMs,
    ...extra,
  })
}
