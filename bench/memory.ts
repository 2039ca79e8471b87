/** Idle memory of a Medusa server with and without the plugin. */
import path from "node:path"
import { startMedusa } from "../integration-tests/helpers/medusa-process"
import { rssOf } from "./scale"
import { type Ctx, ROOT, log, sleep } from "./context"

async function idleRss(label: string, env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  const server = await startMedusa({ env, cwd, label })
  try {
    for (let i = 0; i < 5; i++) await fetch(`${server.url}/health`).then((r) => r.text())
    await sleep(15_000)
    const samples: number[] = []
    for (let i = 0; i < 5; i++) {
      samples.push(rssOf(server.pid))
      await sleep(1000)
    }
    return samples.sort((a, b) => a - b)[2]
  } finally {
    await server.stop()
  }
}

export async function benchMemory(ctx: Ctx, rounds = 3) {
  const withPlugin: number[] = []
  const withoutPlugin: number[] = []
  const bare = { ...ctx.env }
  for (const key of Object.keys(bare)) if (key.startsWith("ATHMOVIL_")) delete bare[key]
  for (let i = 0; i < rounds; i++) {
    log(`memory: round ${i + 1}/${rounds}`)
    withPlugin.push(await idleRss("medusa with the plugin", ctx.env, ROOT))
    withoutPlugin.push(await idleRss("medusa without the plugin", bare, path.join(__dirname, "no-plugin")))
  }
  const mb = (b: number) => Math.round((b / 1048576) * 10) / 10
  const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]
  const differences = withPlugin.map((w, i) => w - withoutPlugin[i])
  return {
    with_plugin_mb: mb(med(withPlugin)),
    without_plugin_mb: mb(med(withoutPlugin)),
    difference_mb: mb(med(differences)),
    samples_mb: { with: withPlugin.map(mb), without: withoutPlugin.map(mb), differences: differences.map(mb) },
    note: "idle RSS 15 s after start (median of 5 samples per start), rounds alternate the two apps; the figure is the median of the per-round differences. Both apps load their config and code through ts-node (the plugin from its TypeScript source)",
  }
}
