"use strict"
/**
 * Child processes of the demo. Each runs in its own process group (detached), so stopping it
 * stops everything it started (npx, ts-node, Medusa workers); nothing outlives the demo.
 */
const { spawn } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")
const { DemoError } = require("./errors")

const running = new Set()

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal)
  } catch {
    try {
      child.kill(signal)
    } catch {
      // already gone
    }
  }
}

// Last resort when the demo itself dies (uncaught error, process.exit): no orphans.
process.on("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL")
})

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n")
  } catch {
    return ""
  }
}

/**
 * Starts `command args` with its output in `logFile`. Returns a handle with `exited` (a promise
 * of the exit code), `stop()` (SIGTERM to the group, SIGKILL after `graceMs`) and `output()`.
 */
function startProcess(name, command, args, { cwd, env, logFile, onLine } = {}) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true })
  const out = fs.openSync(logFile, "w")
  const child = spawn(command, args, {
    cwd,
    env,
    detached: true,
    stdio: ["ignore", onLine ? "pipe" : out, onLine ? "pipe" : out],
  })
  fs.closeSync(out)
  if (onLine) {
    const sink = fs.createWriteStream(logFile, { flags: "a" })
    for (const stream of [child.stdout, child.stderr]) {
      let buffer = ""
      stream.on("data", (chunk) => {
        sink.write(chunk)
        buffer += chunk.toString("utf8")
        let nl
        while ((nl = buffer.indexOf("\n")) >= 0) {
          onLine(buffer.slice(0, nl))
          buffer = buffer.slice(nl + 1)
        }
      })
    }
    child.on("close", () => sink.end())
  }
  running.add(child)
  let exitCode = null
  const exited = new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      running.delete(child)
      exitCode = code ?? (signal ? 128 : 1)
      resolve(exitCode)
    })
    child.on("error", (err) => {
      running.delete(child)
      fs.appendFileSync(logFile, `\n${err.message}\n`)
      exitCode = 127
      resolve(127)
    })
  })
  return {
    name,
    pid: child.pid,
    logFile,
    exited,
    get alive() {
      return exitCode === null
    },
    output: (lines) => tail(logFile, lines),
    async stop(graceMs = 10_000) {
      if (exitCode !== null) return
      killGroup(child, "SIGTERM")
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), graceMs)
      await exited
      clearTimeout(timer)
      // Anything the leader left behind in its group.
      killGroup(child, "SIGKILL")
    },
  }
}

/** Runs a command to completion; throws a DemoError with the log's tail when it fails. */
async function runProcess(name, command, args, options) {
  const proc = startProcess(name, command, args, options)
  const code = await proc.exited
  if (code !== 0) {
    throw new DemoError(`${name} failed (exit code ${code}). Last lines of ${proc.logFile}:\n${proc.output(25)}`, "STEP_FAILED")
  }
  return proc
}

/** Polls `check()` until it returns true; fails early if `proc` exits. */
async function waitUntil(label, check, { timeoutMs = 120_000, intervalMs = 250, proc } = {}) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (proc && !proc.alive) {
      throw new DemoError(`${label}: ${proc.name} exited early. Last lines of ${proc.logFile}:\n${proc.output(25)}`, "STEP_FAILED")
    }
    try {
      if (await check()) return
    } catch {
      // not ready yet
    }
    if (Date.now() > deadline) {
      const detail = proc ? ` Last lines of ${proc.logFile}:\n${proc.output(25)}` : ""
      throw new DemoError(`${label}: not ready after ${Math.round(timeoutMs / 1000)} s.${detail}`, "STEP_FAILED")
    }
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}

async function httpOk(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) })
  return res.ok
}

module.exports = { startProcess, runProcess, waitUntil, httpOk }
