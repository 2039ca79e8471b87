import { Modules } from "@medusajs/framework/utils"
import type { IEventBusModuleService } from "@medusajs/framework/types"
import { ATHMOVIL_MODULE } from "../../modules/athmovil"
import type AthMovilModuleService from "../../modules/athmovil/service"
import type { AthMovilContainer as Container } from "../../providers/athmovil/container"


const BATCH = 200

/**
 * Publishes every queued plugin event (src/modules/athmovil/events.ts) on Medusa's event bus.
 * Called right after the work that produces facts (webhook processing, payment sync, the
 * closed-tab sweep, reconciliation) so stores hear of them at once, and every minute by a job for
 * anything else (a crash between commit and publish, a store's own SQL). Safe on several
 * instances at once: each queued event is taken by one of them.
 */
export async function publishAthMovilEvents(container: Container): Promise<number> {
  const athmovil = container.resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
  const eventBus = container.resolve<IEventBusModuleService>(Modules.EVENT_BUS)
  let published = 0
  for (;;) {
    const n = await athmovil.publishQueuedEvents((events) => eventBus.emit(events), BATCH)
    published += n
    if (n < BATCH) return published
  }
}
