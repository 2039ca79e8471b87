import { processAthMovilWebhookWorkflow } from "./index"

type Container = Parameters<typeof processAthMovilWebhookWorkflow>[0]

/**
 * Stored events one process applies at a time. A burst of deliveries (ATH retries, a backlog
 * after an outage) would otherwise start one workflow per event at once, take every database
 * connection and stall the listener's acknowledgements and the storefront's checkouts. The rest
 * wait in memory; their rows stay pending, so if the process dies the retry job takes them up.
 */
export const WEBHOOK_PROCESSING_CONCURRENCY = 4

let running = 0
const waiting: Array<() => void> = []

async function turn(): Promise<void> {
  if (running < WEBHOOK_PROCESSING_CONCURRENCY) {
    running++
    return
  }
  // The finishing run hands its slot straight to the next waiter, so `running` is unchanged.
  await new Promise<void>((resolve) => waiting.push(resolve))
}

function release(): void {
  const next = waiting.shift()
  if (next) next()
  else running--
}

/** Applies one stored event once a processing slot is free. */
export async function processWebhookEventWhenFree(container: Container, id: string) {
  await turn()
  try {
    return await processAthMovilWebhookWorkflow(container).run({ input: { id } })
  } finally {
    release()
  }
}
