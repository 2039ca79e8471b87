import { defineConfig, loadEnv } from "@medusajs/framework/utils"
import type { AthMovilOptions } from "medusa-payment-athmovil/types"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

// A Medusa 2.x store's medusa-config.ts with ATH Móvil added. Only `plugins` and the
// payment module entry are new; the rest is the standard Medusa starter config.
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    // "shared" (default) runs the HTTP server, scheduled jobs and subscribers in one process.
    // If you split "server" and "worker", the worker runs the ATH Móvil webhook processing and
    // closed-tab recovery job, so give it the same ATHMOVIL_* variables as the server.
    workerMode: process.env.MEDUSA_WORKER_MODE as "shared" | "worker" | "server" | undefined,
    http: {
      storeCors: process.env.STORE_CORS!,
      adminCors: process.env.ADMIN_CORS!,
      authCors: process.env.AUTH_CORS!,
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  admin: {
    disable: process.env.DISABLE_MEDUSA_ADMIN === "true",
    backendUrl: process.env.MEDUSA_BACKEND_URL,
  },
  // The plugin: its database tables, API routes, webhook listener, jobs and admin widgets.
  plugins: [{ resolve: "medusa-payment-athmovil", options: {} }],
  modules: [
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        providers: [
          // The payment provider. Its id in Medusa is `pp_athmovil_athmovil`: enable it on your regions.
          {
            resolve: "medusa-payment-athmovil/providers/athmovil",
            id: "athmovil",
            options: {
              // ATH Business app → Settings → Development.
              publicToken: process.env.ATHMOVIL_PUBLIC_TOKEN ?? "",
              privateToken: process.env.ATHMOVIL_PRIVATE_TOKEN,
              // 24+ letters, digits, "-" or "_". ATH Móvil posts to <publicBaseUrl>/hooks/athmovil/<webhookSecret>.
              webhookSecret: process.env.ATHMOVIL_WEBHOOK_SECRET,
              // This backend's public URL as ATH Móvil reaches it, e.g. https://api.example.com.
              publicBaseUrl: process.env.ATHMOVIL_PUBLIC_BASE_URL,
              // Leave both unset in production. To test, run `npx athmovil-sandbox` and point them at it.
              apiBaseUrl: process.env.ATHMOVIL_API_BASE_URL,
              reportBaseUrl: process.env.ATHMOVIL_REPORT_BASE_URL,
            } satisfies AthMovilOptions,
          },
        ],
      },
    },
  ],
})
