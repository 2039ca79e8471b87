/** What every bench scenario shares: the run's processes and store, timing and statistics. */
import path from "node:path"
import { performance } from "node:perf_hooks"
import { randomBytes } from "node:crypto"
import Medusa from "@medusajs/js-sdk"
import { type AthSandbox } from "../src/sandbox"
import { type MedusaProcess } from "../integration-tests/helpers/medusa-process"
import { type TestDatabase } from "../integration-tests/helpers/postgres"
import { type SeededStore } from "../integration-tests/helpers/store"

export const ROOT = path.resolve(__dirname, "..")
export const WEBHOOK_SECRET = `bench-webhook-secret-${randomBytes(12).toString("hex")}`
export const SYSTEM_PROVIDER = "pp_system_default"

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
export const now = () => performance.now()

export interface Stats {
  n: number
  p50: number
  p95: number
  p99: number
  mean: number
  min: number
  max: number
}

export function stats(values: number[]): Stats {
  const s = [...values].sort((a, b) => a - b)
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]
  const round = (v: number) => Math.round(v * 10) / 10
  return {
    n: s.length,
    p50: round(at(50)),
    p95: round(at(95)),
    p99: round(at(99)),
    mean: round(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)),
    min: round(s[0] ?? 0),
    max: round(s[s.length - 1] ?? 0),
  }
}

export function log(line: string) {
  process.stdout.write(`[bench] ${line}\n`)
}

export interface Ctx {
  sandbox: AthSandbox
  db: TestDatabase
  env: NodeJS.ProcessEnv
  server: MedusaProcess
  store: SeededStore
}

export const sdkFor = (ctx: Ctx) => new Medusa({ baseUrl: ctx.server.url, publishableKey: ctx.store.publishableKey })
