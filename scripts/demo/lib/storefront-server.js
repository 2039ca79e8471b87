"use strict"
/**
 * Serves the demo storefront page (scripts/demo/storefront): the HTML and CSS as they are, the
 * app bundled with esbuild at start (js-sdk + the plugin's storefront kit, straight from
 * src/storefront), and a config script with the URLs and the publishable key.
 */
const fs = require("node:fs")
const http = require("node:http")
const path = require("node:path")

const PAGE_DIR = path.join(__dirname, "..", "storefront")

async function bundleApp() {
  const esbuild = require("esbuild")
  const result = await esbuild.build({
    entryPoints: [path.join(PAGE_DIR, "app.js")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: ["es2020"],
    charset: "utf8",
    legalComments: "none",
    minify: true,
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    logLevel: "silent",
  })
  return Buffer.from(result.outputFiles[0].contents)
}

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8" }

/**
 * Starts the page on `port`. `config` is exposed to the page as `window.ATHMOVIL_DEMO`.
 * Returns `{ url, stop() }`.
 */
async function startStorefront({ port, host = "127.0.0.1", config }) {
  const app = await bundleApp()
  const configJs = Buffer.from(`window.ATHMOVIL_DEMO = ${JSON.stringify(config).replace(/</g, "\\u003c")};\n`)
  const files = {
    "/": ["index.html"],
    "/index.html": ["index.html"],
    "/styles.css": ["styles.css"],
  }
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://x").pathname
    const send = (status, type, body) => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store" })
      res.end(body)
    }
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "text/plain", "Method not allowed")
    if (pathname === "/app.js") return send(200, TYPES[".js"], app)
    if (pathname === "/config.js") return send(200, TYPES[".js"], configJs)
    if (pathname === "/favicon.ico") return send(204, "text/plain", "")
    const file = files[pathname]
    if (!file) return send(404, "text/plain", "Not found")
    // Read on each request so the page can be edited while the demo runs.
    fs.readFile(path.join(PAGE_DIR, file[0]), (err, body) => {
      if (err) send(500, "text/plain", err.message)
      else send(200, TYPES[path.extname(file[0])], body)
    })
  })
  await new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, host, resolve)
  })
  const sockets = new Set()
  server.on("connection", (s) => {
    sockets.add(s)
    s.on("close", () => sockets.delete(s))
  })
  return {
    url: `http://localhost:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        for (const s of sockets) s.destroy()
      }),
  }
}

module.exports = { startStorefront, bundleApp }
