"use strict"
/**
 * Builds the admin dashboard (with the plugin's `src/admin` extensions) into argv[2]: what
 * `medusa build` does for the admin, without touching `.medusa/server`. Run as a child process:
 * Vite needs ~1.7 GB while it bundles the dashboard.
 */
const path = require("node:path")

async function main() {
  const [outDir, adminPath] = process.argv.slice(2)
  const root = process.cwd()
  const { build } = await import("@medusajs/admin-bundler")
  await build({
    disable: false,
    path: adminPath,
    sources: [path.join(root, "src", "admin")],
    plugins: [],
    backendUrl: "",
    outDir: path.resolve(outDir),
  })
  console.log(`admin built into ${outDir}`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
