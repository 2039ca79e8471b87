import { defineConfig, loadEnv, Modules } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * Makes the repository itself a runnable Medusa app: the integration tests and
 * `npm run demo` use it. A merchant's store has its own config (see README).
 * ATH Móvil settings come from the environment so tests can point the provider
 * at a sandbox started on a random port.
 */
const env = process.env
const redisUrl = env.ATHMOVIL_TEST_REDIS_URL

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: env.DATABASE_URL,
    redisUrl,
    workerMode: (env.MEDUSA_WORKER_MODE as "shared" | "worker" | "server") || "shared",
    http: {
      storeCors: env.STORE_CORS || "*",
      adminCors: env.ADMIN_CORS || "*",
      authCors: env.AUTH_CORS || "*",
      jwtSecret: env.JWT_SECRET || "supersecret",
      cookieSecret: env.COOKIE_SECRET || "supersecret",
    },
  },
  admin: {
    disable: env.MEDUSA_ADMIN_DISABLED !== "false",
    backendUrl: env.MEDUSA_BACKEND_URL,
  },
  modules: [
    { resolve: "./src/modules/athmovil" },
    // A store without Medusa's Notification module (the admin-notices-log spec): notices go to the log.
    ...(env.ATHMOVIL_TEST_NO_NOTIFICATIONS === "true" ? [{ key: Modules.NOTIFICATION, disable: true }] : []),
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        providers: [
          {
            resolve: "./src/providers/athmovil",
            id: "athmovil",
            options: {
              publicToken: env.ATHMOVIL_PUBLIC_TOKEN,
              privateToken: env.ATHMOVIL_PRIVATE_TOKEN,
              apiBaseUrl: env.ATHMOVIL_API_BASE_URL,
              reportBaseUrl: env.ATHMOVIL_REPORT_BASE_URL,
              webhookSecret: env.ATHMOVIL_WEBHOOK_SECRET,
              publicBaseUrl: env.ATHMOVIL_PUBLIC_BASE_URL,
              paymentTimeoutSeconds: env.ATHMOVIL_PAYMENT_TIMEOUT_SECONDS
                ? Number(env.ATHMOVIL_PAYMENT_TIMEOUT_SECONDS)
                : undefined,
              requestTimeoutMs: env.ATHMOVIL_REQUEST_TIMEOUT_MS
                ? Number(env.ATHMOVIL_REQUEST_TIMEOUT_MS)
                : undefined,
            },
          },
          // A second ATH Business account (the accounts spec); every other spec runs with one.
          ...(env.ATHMOVIL_B_PUBLIC_TOKEN
            ? [
                {
                  resolve: "./src/providers/athmovil",
                  id: "athmovil-b",
                  options: {
                    publicToken: env.ATHMOVIL_B_PUBLIC_TOKEN,
                    privateToken: env.ATHMOVIL_B_PRIVATE_TOKEN,
                    apiBaseUrl: env.ATHMOVIL_B_API_BASE_URL,
                    reportBaseUrl: env.ATHMOVIL_B_REPORT_BASE_URL,
                    webhookSecret: env.ATHMOVIL_B_WEBHOOK_SECRET,
                    publicBaseUrl: env.ATHMOVIL_PUBLIC_BASE_URL,
                    requestTimeoutMs: env.ATHMOVIL_REQUEST_TIMEOUT_MS ? Number(env.ATHMOVIL_REQUEST_TIMEOUT_MS) : undefined,
                  },
                },
              ]
            : []),
        ],
      },
    },
    ...(redisUrl
      ? [
          { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
          { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { url: redisUrl } } },
          {
            resolve: "@medusajs/medusa/locking",
            options: {
              providers: [
                { resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } },
              ],
            },
          },
        ]
      : []),
  ],
})
