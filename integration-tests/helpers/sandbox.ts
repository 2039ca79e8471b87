import { startSandbox, type AthSandbox, type SandboxOptions, type VariantsOption } from "../../src/sandbox"

export const WEBHOOK_SECRET = "it-webhook-secret-0123456789abcdef"

/**
 * `ATHMOVIL_SANDBOX_VARIANTS=<seed>` replays any suite with the sandbox's response variants
 * (every documented shape, picked per response and field from the seed); `off` turns them off
 * (null), unset leaves the suite's choice (undefined). A suite's own `variants` option wins.
 */
export function variantsFromEnv(): VariantsOption | null | undefined {
  const seed = process.env.ATHMOVIL_SANDBOX_VARIANTS?.trim()
  if (!seed) return undefined
  return seed === "off" ? null : seed
}

/** Set while a suite group collects a member (suite-group.ts): its `useSandbox()` is the group's. */
let groupSandbox: { options: SandboxOptions; get: () => AthSandbox } | null = null

export const activeGroupSandbox = {
  set(options: SandboxOptions, get: () => AthSandbox): void {
    groupSandbox = { options, get }
  },
  clear(): void {
    groupSandbox = null
  },
}

/**
 * Starts the ATH Móvil sandbox on a random port before Medusa boots (the runner loads
 * medusa-config.ts in its own beforeAll, which Jest runs after this top-level one) and
 * points the provider at it through the environment. `variants` (a seed, or
 * `{ strict: "dimension=option" }`) makes it play ATH's other documented shapes.
 */
export function useSandbox(options: SandboxOptions = {}): () => AthSandbox {
  if (groupSandbox) {
    // A member of a suite group (suite-group.ts) shares its group's sandbox, started before the boot.
    if (JSON.stringify(options) !== JSON.stringify(groupSandbox.options)) {
      throw new Error(
        `this suite asks the sandbox for ${JSON.stringify(options)} but its group runs ${JSON.stringify(groupSandbox.options)}: move it to a group with the same options`
      )
    }
    return groupSandbox.get
  }
  let sandbox: AthSandbox | undefined
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, variants: variantsFromEnv() ?? undefined, ...options })
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

export const WEBHOOK_SECRET_B = "it-webhook-secret-b-0123456789abcdef"
export const ACCOUNT_B_PROVIDER_ID = "pp_athmovil_athmovil-b"

/**
 * A second ATH Business account on its own sandbox (own tokens, own listener secret): sets the
 * `ATHMOVIL_B_*` environment that makes medusa-config.ts register `pp_athmovil_athmovil-b`.
 */
export function useSecondAccountSandbox(): () => AthSandbox {
  let sandbox: AthSandbox | undefined
  const keys = ["ATHMOVIL_B_PUBLIC_TOKEN", "ATHMOVIL_B_PRIVATE_TOKEN", "ATHMOVIL_B_API_BASE_URL", "ATHMOVIL_B_REPORT_BASE_URL", "ATHMOVIL_B_WEBHOOK_SECRET"]
  beforeAll(async () => {
    sandbox = await startSandbox({
      port: 0,
      merchants: [{ publicToken: "sandbox-b-public-token-0002", privateToken: "sandbox-b-private-token-0002", businessName: "Brand B" }],
    })
    Object.assign(process.env, {
      ATHMOVIL_B_PUBLIC_TOKEN: sandbox.tokens.publicToken,
      ATHMOVIL_B_PRIVATE_TOKEN: sandbox.tokens.privateToken,
      ATHMOVIL_B_API_BASE_URL: sandbox.apiBaseUrl,
      ATHMOVIL_B_REPORT_BASE_URL: sandbox.reportBaseUrl,
      ATHMOVIL_B_WEBHOOK_SECRET: WEBHOOK_SECRET_B,
    })
  })
  afterAll(async () => {
    for (const key of keys) delete process.env[key]
    await sandbox?.stop()
  })
  return () => {
    if (!sandbox) throw new Error("sandbox B not started")
    return sandbox
  }
}
