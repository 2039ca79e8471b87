/**
 * The test storefront consumes the plugin's React entry and storefront kit straight from the
 * repository's source (an alias, compiled by Next's SWC like the app's own files) rather than
 * from a build: `npm test` needs no `medusa plugin:build`, and the code under test is the code
 * in the tree. The package's own export map is covered by the install test.
 */
import path from "node:path"
import { fileURLToPath } from "node:url"

const here = path.dirname(fileURLToPath(import.meta.url))
// ATHMOVIL_REPO_ROOT: build against another checkout of the plugin.
const repo = process.env.ATHMOVIL_REPO_ROOT || path.resolve(here, "..", "..")

/** @type {import("next").NextConfig} */
const config = {
  experimental: { externalDir: true },
  // The plugin's source is outside this app; trace from the repository so it is included.
  outputFileTracingRoot: repo,
  eslint: { ignoreDuringBuilds: true },
  typescript: { ignoreBuildErrors: true },
  webpack(webpackConfig) {
    // A test build: minifying the bundles is most of the build time and tests nothing here.
    webpackConfig.optimization.minimize = false
    webpackConfig.resolve.alias = {
      ...webpackConfig.resolve.alias,
      "medusa-payment-athmovil/react$": path.join(repo, "src", "react", "index.ts"),
      "medusa-payment-athmovil/storefront$": path.join(repo, "src", "storefront", "index.ts"),
    }
    // The plugin's files live beside the repository's node_modules (React 18); this app's
    // React 19 must win for them too, so this app's node_modules is searched first.
    webpackConfig.resolve.modules = [path.join(here, "node_modules"), ...(webpackConfig.resolve.modules ?? ["node_modules"])]
    return webpackConfig
  },
}

export default config
