/**
 * What the multi-process suites and the bench leave behind: child processes, databases and Redis
 * databases. Each helper registers what it makes; `cleanupAll()` ends and removes all of it.
 */
import type { ChildProcess } from "node:child_process"

const children = new Set<ChildProcess>()
const cleanups: Array<() => Promise<void>> = []

/** Tracks a child until it exits; resolves with its exit code. */
export function trackChild(child: ChildProcess): Promise<number | null> {
  children.add(child)
  return new Promise<number | null>((resolve) => {
    child.once("exit", (code) => {
      children.delete(child)
      resolve(code)
    })
  })
}

/** Runs `fn` at `cleanupAll()`, last registered first. */
export function onCleanup(fn: () => Promise<void>): void {
  cleanups.push(fn)
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
