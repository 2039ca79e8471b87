/**
 * One demo stack (what `npm run demo` runs: migrations, the ATH sandbox, Medusa with the admin at
 * /app, the demo storefront) on free ports and a fresh database, and one Chromium, for a whole
 * browser spec. Starting a stack costs ~40 s (migrations, the admin user, Medusa's boot): the admin
 * and the demo storefront share one.
 */
import type { Browser } from "playwright-core"
import { launchChromium } from "./chromium"
import { databaseUrl } from "./postgres"

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startStack, dropDatabase } = require("../../scripts/demo/stack") as {
  startStack(o: Record<string, unknown>): Promise<DemoStack>
  dropDatabase(databaseUrl: string): Promise<void>
}

/** What `startStack` resolves with (scripts/demo/stack.js). */
export interface DemoStack {
  medusaUrl: string
  adminUrl: string
  storefrontUrl: string
  sandboxUrl: string
  phonePageUrl: string
  phoneNumber: string
  publishableKey: string
  regionId: string
  admin: { email: string; password: string }
  logsDir: string
  timings: Record<string, number>
  stop(): Promise<void>
}

export interface DemoStackFixture {
  readonly stack: DemoStack
  readonly browser: Browser
}

/**
 * `startStack` on a random port base (Medusa, the storefront and the sandbox take three consecutive
 * ports): the stack checks its ports before starting anything and refuses busy ones
 * (`PORT_IN_USE`), so a busy base is simply drawn again.
 */
async function startOnFreePorts(options: Record<string, unknown>): Promise<DemoStack> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startStack({ ...options, portBase: 20_000 + Math.floor(Math.random() * 20_000) })
    } catch (e) {
      if ((e as { code?: string }).code !== "PORT_IN_USE" || attempt === 20) throw e
    }
  }
}

/**
 * Registers the hooks that start the stack and Chromium before the file's tests and stop both
 * after them; the fixture's fields are set once the `beforeAll` has run.
 */
export function useDemoStack(options: { paymentTimeoutSeconds: number }): DemoStackFixture {
  const url = databaseUrl(`medusa_athmovil_browser_${process.pid}`)
  let stack: DemoStack | undefined
  let browser: Browser | undefined

  beforeAll(async () => {
    stack = await startOnFreePorts({ databaseUrl: url, fresh: true, paymentTimeoutSeconds: options.paymentTimeoutSeconds })
    console.log(`demo stack up in ${stack.timings.total} s`, stack.timings)
    browser = await launchChromium()
  }, 300_000)

  afterAll(async () => {
    await browser?.close().catch(() => {})
    await stack?.stop()
    await dropDatabase(url).catch(() => {})
  }, 60_000)

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the demo stack is not up: read it in a test or a hook, after the file's beforeAll")
    return value
  }
  return {
    get stack() {
      return started(stack)
    },
    get browser() {
      return started(browser)
    },
  }
}
