/// <reference types="vite/client" />

/** Set by the admin bundler from `admin.backendUrl` in medusa-config ("" when the admin is served by the backend). */
declare const __BACKEND_URL__: string | undefined
