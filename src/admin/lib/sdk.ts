import Medusa from "@medusajs/js-sdk"

/**
 * The admin runs on the backend's origin (or `admin.backendUrl`), already signed in with a
 * session cookie, so the plugin's calls reuse that session.
 */
export const sdk = new Medusa({
  baseUrl: (typeof __BACKEND_URL__ !== "undefined" && __BACKEND_URL__) || "/",
  auth: { type: "session" },
})
