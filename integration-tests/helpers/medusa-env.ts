/** The environment the root medusa-config.ts reads, for one `medusa start` / `medusa exec` process. */
export interface SandboxEnv {
  tokens: { publicToken: string; privateToken: string }
  apiBaseUrl: string
  reportBaseUrl: string
}

export function medusaEnv({
  databaseUrl,
  sandbox,
  webhookSecret,
  redisUrl,
  extra = {},
}: {
  databaseUrl: string
  sandbox: SandboxEnv
  webhookSecret: string
  redisUrl?: string
  extra?: Record<string, string>
}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // `medusa start` is the production command; production is also where Medusa writes access logs.
    NODE_ENV: "production",
    MEDUSA_DISABLE_TELEMETRY: "true",
    DO_NOT_TRACK: "1",
    DATABASE_URL: databaseUrl,
    ATHMOVIL_PUBLIC_TOKEN: sandbox.tokens.publicToken,
    ATHMOVIL_PRIVATE_TOKEN: sandbox.tokens.privateToken,
    ATHMOVIL_API_BASE_URL: sandbox.apiBaseUrl,
    ATHMOVIL_REPORT_BASE_URL: sandbox.reportBaseUrl,
    ATHMOVIL_WEBHOOK_SECRET: webhookSecret,
    ATHMOVIL_REQUEST_TIMEOUT_MS: "5000",
    ...extra,
  }
  if (redisUrl) env.ATHMOVIL_TEST_REDIS_URL = redisUrl
  return env
}
