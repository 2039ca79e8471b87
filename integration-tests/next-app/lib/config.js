import "server-only"
import Medusa from "@medusajs/js-sdk"

/** Read at request time (`next start`), so one build serves any Medusa the test starts. */
export function medusaConfig() {
  const baseUrl = process.env.MEDUSA_BACKEND_URL
  const publishableKey = process.env.MEDUSA_PUBLISHABLE_KEY
  const regionId = process.env.MEDUSA_REGION_ID
  if (!baseUrl || !publishableKey || !regionId) throw new Error("MEDUSA_BACKEND_URL, MEDUSA_PUBLISHABLE_KEY and MEDUSA_REGION_ID are required")
  return { baseUrl, publishableKey, regionId }
}

export function serverSdk() {
  const { baseUrl, publishableKey } = medusaConfig()
  return new Medusa({ baseUrl, publishableKey })
}
