import { processAthMovilWebhookWorkflow } from "./index"

type Container = Parameters<typeof processAthMovilWebhookWorkflow>[0]

/**
 * Stored events one process applies at a time. A burst of deliveries (ATH retries, a backlog
 * after an outage) would otherwise start one workflow per event at once, take every database
 * connection and stall the listener's acknowledgements and the storefront's checkouts.
 */
const WEBHOOK_PROCESSING_CONCURRENCY = 4

/**
 * Events that may wait in memory for a slot. Beyond that an event is not queued: its row stays
 * pending in the database and the retry job (every minute) applies it, so a flood costs neither
 * memory nor events.
 */
const WEBHOOK_QUEUE_LIMIT = 200

export interface LimitedRunner {
  /** Runs the job once a slot is free; "deferred" (the job is not run) when the queue is full. */
  run<T>(job: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>
  readonly running: number
  readonly waiting: number
}

/** A bounded FIFO of jobs with at most `concurrency` running at once. */
export function createLimitedRunner(concurrency: number, queueLimit: number): LimitedRunner {
  let running = 0
  const waiting: Array<() => void> = []

  const release = () => {
    // The finishing run hands its slot straight to the next waiter, so `running` is unchanged.
    const next = waiting.shift()
    if (next) next()
    else running--
  }

  return {
    get running() {
      return running
    },
    get waiting() {
      return waiting.length
    },
    async run(job) {
      if (running >= concurrency) {
        if (waiting.length >= queueLimit) return { ran: false }
        await new Promise<void>((resolve) => waiting.push(resolve))
      } else {
        running++
      }
      try {
        return { ran: true, value: await job() }
      } finally {
        release()
      }
    },
  }
}

const runner = createLimitedRunner(WEBHOOK_PROCESSING_CONCURRENCY, WEBHOOK_QUEUE_LIMIT)

/**
 * Applies one stored event once a processing slot is free. Returns null when the queue is full:
 * the event stays pending for the retry job.
 */
export async function processWebhookEventWhenFree(container: Container, id: string) {
  const result = await runner.run(() => processAthMovilWebhookWorkflow(container).run({ input: { id } }))
  return result.ran ? result.value : null
}
