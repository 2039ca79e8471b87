import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process"
import path from "node:path"

const ROOT = path.resolve(__dirname, "../../..")
const TS_NODE = require.resolve("ts-node/dist/bin.js", { paths: [ROOT] })

/** Same as `npx ts-node --transpile-only src/sandbox/bin.ts`, minus npx's startup cost. */
function runBin(args: string[]): ChildProcessWithoutNullStreams {
  const env = { ...process.env }
  // Jest runs with --experimental-vm-modules; the CLI must not inherit it.
  delete env.NODE_OPTIONS
  return spawn(process.execPath, [TS_NODE, "--transpile-only", "src/sandbox/bin.ts", ...args], { cwd: ROOT, env })
}

function collect(child: ChildProcessWithoutNullStreams) {
  const out = { stdout: "", stderr: "" }
  child.stdout.on("data", (c: Buffer) => (out.stdout += c.toString()))
  child.stderr.on("data", (c: Buffer) => (out.stderr += c.toString()))
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
  return { out, exited }
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out")
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe("athmovil-sandbox CLI", () => {
  it("prints its URLs and tokens, serves, and exits 0 on SIGINT", async () => {
    const child = runBin(["--port", "0", "--public-token", "pk-cli", "--private-token", "sk-cli", "--clock", "manual"])
    const { out, exited } = collect(child)
    try {
      await waitFor(() => /privateToken:/.test(out.stdout), 30_000)
    } catch (err) {
      child.kill("SIGKILL")
      throw new Error(`CLI did not start: ${out.stderr || out.stdout}`)
    }
    const url = /listening on (http:\/\/\S+)/.exec(out.stdout)![1]
    expect(out.stdout).toContain(`API base:     ${url}/api/business-transaction/ecommerce`)
    expect(out.stdout).toContain(`Report base:  ${url}`)
    expect(out.stdout).toContain(`Phone page:   ${url}/sandbox/phone`)
    expect(out.stdout).toContain("publicToken:  pk-cli")
    expect(out.stdout).toContain("privateToken: sk-cli")

    const health = await fetch(`${url}/sandbox/health`)
    expect(await health.json()).toMatchObject({ status: "ok", clock: "manual" })

    child.kill("SIGINT")
    expect(await exited).toBe(0)
  }, 60_000)

  it("rejects a bad flag value with a clear message", async () => {
    const { out, exited } = collect(runBin(["--webhook-generation", "2030"]))
    expect(await exited).toBe(2)
    expect(out.stderr).toContain('--webhook-generation must be one of 2025, legacy; got "2030"')
    expect(out.stderr).toContain("Usage: athmovil-sandbox")
  }, 60_000)

  it("rejects unknown flags and half a token pair", async () => {
    const unknown = collect(runBin(["--prot", "1"]))
    expect(await unknown.exited).toBe(2)
    expect(unknown.out.stderr).toMatch(/Unknown option '--prot'/)
    const half = collect(runBin(["--public-token", "x"]))
    expect(await half.exited).toBe(2)
    expect(half.out.stderr).toContain("--public-token and --private-token must be given together")
  }, 60_000)

  it("--fidelity prints both figures per fixture and exits 0 when the cited one is ≥ 99 %", async () => {
    const { out, exited } = collect(runBin(["--fidelity"]))
    expect(await exited).toBe(0)
    expect(out.stdout).toContain("Fidelity (the sandbox's usual shapes):")
    expect(out.stdout).toContain("Fidelity (each fixture's cited variants):")
    expect(out.stdout).toMatch(/webhooks\/refund_sent\.official\.json +14\/19 /)
    expect(out.stdout).toMatch(/total: (\d+) of \1 keys and types reproduced = 100\.00 %/)
  }, 60_000)

  it("--variants and --variant start a varying sandbox; a bad option is refused by name", async () => {
    const child = runBin(["--port", "0", "--variants", "athm-1", "--variant", "refund.date=epoch-ms-number"])
    const { out, exited } = collect(child)
    try {
      await waitFor(() => /Variants:/.test(out.stdout), 30_000)
    } finally {
      child.kill("SIGINT")
    }
    expect(await exited).toBe(0)
    expect(out.stdout).toContain("Variants:     seed athm-1, strict refund.date=epoch-ms-number")

    const bad = collect(runBin(["--variant", "refund.date=yesterday"]))
    expect(await bad.exited).toBe(2)
    expect(bad.out.stderr).toContain('--variant: variant refund.date has no option "yesterday"; options: epoch-ms-string, pr-datetime-fraction, epoch-ms-number')
  }, 60_000)
})
