/**
 * `medusaIntegrationTestRunner` with its teardown bounded: every spec that boots Medusa in the Jest
 * process goes through here.
 *
 * Why: the runner's teardown gives the app 5 s to shut down and, past that, awaits the same
 * shutdown again with no deadline (test-utils' `startApp`). Once, on CI, the chaos suite passed all
 * its tests and then spent its whole 240 s hook timeout there, failing the run on a teardown.
 * Teardown now gets TEARDOWN_MS; past that the suite's results stand, a warning names what the app
 * still had open (HTTP requests it had not answered), and Jest's `--forceExit` ends the worker's
 * leftovers at the end of the run.
 */
import diagnosticsChannel from "node:diagnostics_channel"
import type { IncomingMessage, ServerResponse } from "node:http"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"

type RunnerConfig = Parameters<typeof medusaIntegrationTestRunner>[0]

/** Normal teardown takes ~1 s (0.5–1.5 s measured in a full run on this 2-core machine). */
const TEARDOWN_MS = 60_000

/** Requests this process's HTTP servers (Medusa, the sandbox, listeners) have begun and not yet answered. */
const unanswered = new Map<ServerResponse, { request: IncomingMessage; since: number }>()
const onRequest = (message: unknown) => {
  const { request, response } = message as { request: IncomingMessage; response: ServerResponse }
  unanswered.set(response, { request, since: Date.now() })
  response.once("close", () => unanswered.delete(response))
}

function describeUnanswered(): string {
  const now = Date.now()
  const lines = [...unanswered.values()].map(
    ({ request, since }) => `${request.method} ${request.headers.host ?? ""}${(request.url ?? "").replace(/\/hooks\/athmovil\/[^/?]+/, "/hooks/athmovil/…")} (${Math.round((now - since) / 1000)} s)`
  )
  return lines.length ? lines.join("; ") : "none"
}

async function bounded(teardown: () => unknown): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), TEARDOWN_MS)
  })
  try {
    const outcome = await Promise.race([Promise.resolve(teardown()).then(() => "done" as const), deadline])
    if (outcome === "late") {
      process.stderr.write(
        `warning: Medusa's test teardown did not finish within ${TEARDOWN_MS / 1000} s; the suite's results stand, ` +
          `its leftovers end with the Jest worker. Unanswered HTTP requests: ${describeUnanswered()}\n`
      )
    }
  } finally {
    clearTimeout(timer)
    diagnosticsChannel.unsubscribe("http.server.request.start", onRequest)
    unanswered.clear()
  }
}

export function medusaRunner(config: RunnerConfig): void {
  diagnosticsChannel.subscribe("http.server.request.start", onRequest)
  const jestAfterAll = globalThis.afterAll
  // The runner registers its own afterAll (the teardown) and then calls testSuite: only that one is
  // wrapped; the suite's hooks are registered with Jest's afterAll as written.
  globalThis.afterAll = ((fn: () => unknown, timeout?: number) => jestAfterAll(() => bounded(fn), timeout)) as typeof afterAll
  try {
    medusaIntegrationTestRunner({
      ...config,
      testSuite: (options) => {
        globalThis.afterAll = jestAfterAll
        return config.testSuite(options)
      },
    })
  } finally {
    globalThis.afterAll = jestAfterAll
  }
}
