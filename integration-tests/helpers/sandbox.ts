import { startSandbox, type AthSandbox, type SandboxOptions } from "../../src/sandbox"

export const WEBHOOK_SECRET = "it-webhook-secret-0123456789abcdef"

/**
 * Starts the ATH Móvil sandbox on a random port before Medusa boots (the runner loads
 * medusa-config.ts in its own beforeAll, which Jest runs after this top-level one) and
 * points the provider at it through the environment.
 */
export function useSandbox(options: SandboxOptions = {}): () => AthSandbox {
  let sandbox: AthSandbox | undefined
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, ...options })
    Object.assign(process.env, {
      ATHMOVIL_PUBLIC_TOKEN: sandbox.tokens.publicToken,
      ATHMOVIL_PRIVATE_TOKEN: sandbox.tokens.privateToken,
      ATHMOVIL_API_BASE_URL: sandbox.apiBaseUrl,
      ATHMOVIL_REPORT_BASE_URL: sandbox.reportBaseUrl,
      ATHMOVIL_WEBHOOK_SECRET: WEBHOOK_SECRET,
      ATHMOVIL_REQUEST_TIMEOUT_MS: "2000",
    })
  })
  afterAll(async () => {
    await sandbox?.stop()
  })
  return () => {
    if (!sandbox) throw new Error("sandbox not started")
    return sandbox
  }
}
