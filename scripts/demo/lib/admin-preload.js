"use strict"
/**
 * Preloaded into `medusa start` by the demo (`node -r`): Medusa serves the built admin from
 * `<project>/public/admin`, a path it does not let you configure. Point it at the demo's cached
 * build (ATHMOVIL_DEMO_ADMIN_DIR, relative to the project) instead of writing into the repo.
 */
const path = require("node:path")

const dir = process.env.ATHMOVIL_DEMO_ADMIN_DIR
if (dir) {
  const medusaDir = path.dirname(require.resolve("@medusajs/medusa/package.json", { paths: [process.cwd()] }))
  const consts = require(path.join(medusaDir, "dist", "utils", "admin-consts.js"))
  if (typeof consts.ADMIN_RELATIVE_OUTPUT_DIR !== "string") {
    throw new Error("medusa-payment-athmovil demo: @medusajs/medusa no longer has ADMIN_RELATIVE_OUTPUT_DIR; update scripts/demo/lib/admin-preload.js")
  }
  consts.ADMIN_RELATIVE_OUTPUT_DIR = dir
}
