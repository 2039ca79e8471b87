import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * The repository's medusa-config.ts without the ATH Móvil module and payment provider, in a
 * directory without the plugin's src/: `npm run bench` starts it to measure what the plugin
 * adds to an idle server's memory.
 */
const env = process.env

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: env.DATABASE_URL,
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
})
