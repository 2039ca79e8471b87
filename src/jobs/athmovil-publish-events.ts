import type { MedusaContainer } from "@medusajs/framework/types"
import { publishAthMovilEvents } from "../workflows/events/publish"

/**
 * Publishes plugin events still queued: the flows that produce them publish at once, this run
 * catches the rest (a crash between a commit and its publish, a store's own SQL on the ledger).
 * Safe on several instances at once.
 */
export default async function athMovilPublishEvents(container: MedusaContainer) {
  await publishAthMovilEvents(container)
}

export const config = {
  name: "athmovil-publish-events",
  schedule: "* * * * *",
}
