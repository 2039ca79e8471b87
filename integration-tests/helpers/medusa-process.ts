/**
 * Real Medusa server processes for the multi-process suites (chaos kill/restart, several
 * instances) and the benchmark: `medusa start` / `medusa exec` / `medusa db:migrate` from the
 * repository root (the root medusa-config.ts is a runnable app), each with its own environment
 * (`medusa-env.ts`), database (`postgres.ts`) and Redis database (`redis.ts`). Every process is
 * tracked and ended by `cleanupAll()` (`cleanup.ts`).
 */
import { spawn, type ChildProcess } from "node:child_process"
import net from "node:net"
import path from "node:path"
import { trackChild } from "./cleanup"

const ROOT = path.resolve(__dirname, "../..")
const MEDUSA_CLI = path.join(ROOT, "node_modules/@medusajs/cli/cli.js")


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
  const output: string[] = []
  collect(child, output)
  const exited = trackChild(child)
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
