/**
 * Real Medusa server processes for the multi-process suites (chaos kill/restart, several
 * instances) and the benchmark: `medusa start` / `medusa exec` / `medusa db:migrate` from the
 * repository root (the root medusa-config.ts is a runnable app), each with its own environment.
 * Every process, database and Redis database made here is tracked and removed by `cleanupAll()`.
 */
import { spawn, type ChildProcess } from "node:child_process"
import net from "node:net"
import path from "node:path"
import { randomBytes } from "node:crypto"

const ROOT = path.resolve(__dirname, "../..")
const MEDUSA_CLI = path.join(ROOT, "node_modules/@medusajs/cli/cli.js")

const children = new Set<ChildProcess>()
const cleanups: Array<() => Promise<void>> = []

export interface MedusaProcess {
  label: string
  port: number
  url: string
  pid: number
  /** Every stdout/stderr line the process has written so far. */
  output: string[]
  exited: Promise<number | null>
  /** SIGKILL, no goodbye: what a crash or an OOM kill looks like. */
  kill(): Promise<void>
  /** SIGTERM, then SIGKILL if it does not leave within 15 s. */
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

function collect(child: ChildProcess, output: string[]): void {
  for (const stream of [child.stdout, child.stderr]) {
    let rest = ""
    stream?.setEncoding("utf8")
    stream?.on("data", (chunk: string) => {
      const lines = (rest + chunk).split("\n")
      rest = lines.pop() ?? ""
      output.push(...lines)
    })
    stream?.on("end", () => {
      if (rest) output.push(rest)
      rest = ""
    })
  }
}

function spawnMedusa(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd = ROOT
): { child: ChildProcess; output: string[]; exited: Promise<number | null> } {
  // A bench can hand one command its own Node flags (--cpu-prof, which NODE_OPTIONS refuses; a heap cap).
  const nodeArgs = (env.MEDUSA_NODE_ARGS ?? "").split(" ").filter(Boolean)
  const child = spawn(process.execPath, [...nodeArgs, MEDUSA_CLI, ...args], {
    cwd,
    env: { ...env, NODE_OPTIONS: "" },
    stdio: ["ignore", "pipe", "pipe"],
  })
  children.add(child)
  const output: string[] = []
  collect(child, output)
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => {
      children.delete(child)
      resolve(code)
    })
  })
  return { child, output, exited }
}

function tail(output: string[], n = 40): string {
  return output.slice(-n).join("\n")
}

/** Runs a medusa CLI command to the end (db:migrate, exec, user). */
export async function medusaCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  { timeoutMs = 180_000, onLine }: { timeoutMs?: number; onLine?: (line: string) => void } = {}
): Promise<{ code: number | null; output: string[] }> {
  const { child, output, exited } = spawnMedusa(args, env)
  let seen = 0
  const watcher = onLine
    ? setInterval(() => {
        while (seen < output.length) onLine(output[seen++])
      }, 20)
    : null
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs)
  const code = await exited
  clearTimeout(timer)
  if (watcher) clearInterval(watcher)
  while (onLine && seen < output.length) onLine(output[seen++])
  return { code, output }
}

export async function waitForHealth(url: string, exited: Promise<unknown>, timeoutMs: number): Promise<void> {
  let dead = false
  void exited.then(() => (dead = true))
  const end = Date.now() + timeoutMs
  while (Date.now() < end && !dead) {
    try {
      const res = await fetch(`${url}/health`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(dead ? "the process exited before answering /health" : `no /health answer within ${timeoutMs} ms`)
}

/** `medusa start` on the given (or a free) port; resolves once /health answers. */
export async function startMedusa({
  env,
  port,
  label = "medusa",
  timeoutMs = 240_000,
  cwd,
}: {
  env: NodeJS.ProcessEnv
  port?: number
  label?: string
  timeoutMs?: number
  /** Project directory (default: the repository root, whose medusa-config.ts enables the plugin). */
  cwd?: string
}): Promise<MedusaProcess> {
  const chosen = port ?? (await freePort())
  const { child, output, exited } = spawnMedusa(["start", "--port", String(chosen)], env, cwd)
  const url = `http://127.0.0.1:${chosen}`
  try {
    await waitForHealth(url, exited, timeoutMs)
  } catch (e) {
    child.kill("SIGKILL")
    await exited
    throw new Error(`${label} did not start: ${(e as Error).message}\n${tail(output)}`)
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill("SIGTERM")
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000)
    await exited
    clearTimeout(timer)
  }
  return {
    label,
    port: chosen,
    url,
    pid: child.pid!,
    output,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL")
      await exited
    },
    stop,
  }
}

export interface SandboxEnv {
  tokens: { publicToken: string; privateToken: string }
  apiBaseUrl: string
  reportBaseUrl: string
}

/** The environment the root medusa-config.ts reads, for one instance. */
export function medusaEnv({
  databaseUrl,
  sandbox,
  webhookSecret,
  redisUrl,
  extra = {},
}: {
  databaseUrl: string
  sandbox: SandboxEnv
  webhookSecret: string
  redisUrl?: string
  extra?: Record<string, string>
}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // `medusa start` is the production command; production is also where Medusa writes access logs.
    NODE_ENV: "production",
    MEDUSA_DISABLE_TELEMETRY: "true",
    DO_NOT_TRACK: "1",
    DATABASE_URL: databaseUrl,
    ATHMOVIL_PUBLIC_TOKEN: sandbox.tokens.publicToken,
    ATHMOVIL_PRIVATE_TOKEN: sandbox.tokens.privateToken,
    ATHMOVIL_API_BASE_URL: sandbox.apiBaseUrl,
    ATHMOVIL_REPORT_BASE_URL: sandbox.reportBaseUrl,
    ATHMOVIL_WEBHOOK_SECRET: webhookSecret,
    ATHMOVIL_REQUEST_TIMEOUT_MS: "5000",
    ...extra,
  }
  if (redisUrl) env.ATHMOVIL_TEST_REDIS_URL = redisUrl
  return env
}

async function pgClient(database = "postgres") {
  const { Client } = require("pg") as typeof import("pg")
  const client = new Client({
    host: process.env.DB_HOST || "localhost",
    port: Number(process.env.DB_PORT || 5432),
    user: process.env.DB_USERNAME || "postgres",
    password: process.env.DB_PASSWORD || "postgres",
    database,
  })
  await client.connect()
  return client
}

export function databaseUrl(name: string): string {
  const user = process.env.DB_USERNAME || "postgres"
  const password = process.env.DB_PASSWORD || "postgres"
  const host = process.env.DB_HOST || "localhost"
  const port = process.env.DB_PORT || "5432"
  return `postgres://${user}:${password}@${host}:${port}/${name}`
}

export interface TestDatabase {
  name: string
  url: string
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>
  drop(): Promise<void>
}

/** A fresh, empty database with a unique name; dropped by `drop()` or `cleanupAll()`. */
export async function createDatabase(prefix: string): Promise<TestDatabase> {
  const name = `athm_${prefix}_${process.pid}_${randomBytes(3).toString("hex")}`
  const admin = await pgClient()
  try {
    await admin.query(`CREATE DATABASE "${name}"`)
  } finally {
    await admin.end()
  }
  let client: Awaited<ReturnType<typeof pgClient>> | null = null
  let dropped = false
  const drop = async () => {
    if (dropped) return
    dropped = true
    await client?.end().catch(() => undefined)
    const a = await pgClient()
    try {
      await a.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name])
      await a.query(`DROP DATABASE IF EXISTS "${name}"`)
    } finally {
      await a.end()
    }
  }
  cleanups.push(drop)
  return {
    name,
    url: databaseUrl(name),
    async query<T>(sql: string, params: unknown[] = []) {
      client ??= await pgClient(name)
      return (await client.query(sql, params)).rows as T[]
    },
    drop,
  }
}

export interface RedisDb {
  url: string
  db: number
  release(): Promise<void>
}

/**
 * Medusa's Redis modules only take a URL, so a run isolates itself with a Redis database number:
 * the first empty one (1–15) that it can claim with SETNX, flushed when released.
 */
export async function claimRedisDb(base = process.env.ATHMOVIL_TEST_REDIS_BASE_URL || "redis://127.0.0.1:6379"): Promise<RedisDb> {
  const Redis = require("ioredis") as typeof import("ioredis").default
  for (let db = 15; db >= 1; db--) {
    const redis = new Redis(`${base}/${db}`, { lazyConnect: true, maxRetriesPerRequest: 1 })
    await redis.connect()
    try {
      if ((await redis.dbsize()) > 0) continue
      const claimed = await redis.set("athmovil-test:claim", String(process.pid), "EX", 3600, "NX")
      if (claimed !== "OK") continue
    } finally {
      redis.disconnect()
    }
    let released = false
    const release = async () => {
      if (released) return
      released = true
      const r = new Redis(`${base}/${db}`, { maxRetriesPerRequest: 1 })
      try {
        await r.flushdb()
      } finally {
        r.disconnect()
      }
    }
    cleanups.push(release)
    return { url: `${base}/${db}`, db, release }
  }
  throw new Error("no free Redis database (1–15) to run on")
}

/** Kills every process started here and drops every database and Redis database claimed here. */
export async function cleanupAll(): Promise<void> {
  for (const child of children) child.kill("SIGKILL")
  await new Promise((r) => setTimeout(r, 200))
  while (cleanups.length) {
    const fn = cleanups.pop()!
    await fn().catch((e) => console.warn(`cleanup failed: ${(e as Error).message}`))
  }
}

process.once("exit", () => {
  for (const child of children) child.kill("SIGKILL")
})
