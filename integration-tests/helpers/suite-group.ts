/**
 * Several HTTP suites on one Medusa boot. Booting Medusa inside Jest costs ~18 s of CPU (module
 * loading, migrations, the app), and `npm test` is CPU-bound on a 2-core machine: a group of suites
 * pays it once. Each suite keeps the isolation it had alone:
 * - the database: before a suite's own `beforeAll`, the database goes back to the state right after
 *   the boot (a template taken then); after it, the runner's per-test template is retaken, so each
 *   test starts from the suite's seeded state, as the runner does for a suite alone;
 * - the ATH sandbox: one per group (the provider reads its URL at boot), reset before each suite.
 *   A suite asking for other sandbox options than its group's is refused at collection.
 *
 * A member file (`*.suite.ts`) is written as a suite alone: `useSandbox(options)` and
 * `storeSuite({ testSuite })` in place of `medusaIntegrationTestRunner`. The group file
 * (`*.spec.ts`) lists its members: `suiteGroup({ clock: "manual" }, { checkout: () => require("./checkout.suite") })`.
 * Run one member: `npm test -- integration-tests/http/<group>.spec.ts -t <member>`.
 */
import type { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { medusaRunner } from "./medusa-runner"
import type { AthSandbox, SandboxOptions } from "../../src/sandbox"
import { dropDatabase } from "./postgres"
import { activeGroupSandbox, useSandbox } from "./sandbox"

type RunnerConfig = Parameters<typeof medusaIntegrationTestRunner>[0]
type SuiteOptions = Parameters<RunnerConfig["testSuite"]>[0]

/** The group being collected: its runner options and sandbox. */
let group: { options: SuiteOptions; sandbox: () => AthSandbox; bootTemplate: string } | null = null

/**
 * `medusaIntegrationTestRunner` for a member of a group: its tests run on the group's Medusa, from
 * the boot state plus its own `beforeAll`.
 */
export function storeSuite({ testSuite }: Pick<RunnerConfig, "testSuite">): void {
  if (!group) throw new Error("storeSuite() runs inside a suiteGroup(): require this file from a group's *.spec.ts")
  const { options, sandbox, bootTemplate } = group
  beforeAll(async () => {
    await options.dbUtils.restore({ templateName: bootTemplate })
    sandbox().reset()
  })
  testSuite(options)
  // After the suite's own beforeAll hooks (same block, registered later): its seeded state is what
  // each of its tests starts from.
  beforeAll(async () => {
    await options.dbUtils.snapshot()
  })
}

/** One Medusa boot and one sandbox (`sandboxOptions`) for the members, each in its own describe. */
export function suiteGroup(sandboxOptions: SandboxOptions, members: Record<string, () => unknown>): void {
  const sandbox = useSandbox(sandboxOptions)
  medusaRunner({
    testSuite: (options) => {
      const bootTemplate = `${options.dbConfig.dbName}-boot`
      describe("", () => {
        beforeAll(async () => {
          await options.dbUtils.snapshot({ templateName: bootTemplate })
        })
        afterAll(async () => {
          await dropDatabase(bootTemplate)
        })
        for (const [name, load] of Object.entries(members)) {
          describe(name, () => {
            group = { options, sandbox, bootTemplate }
            activeGroupSandbox.set(sandboxOptions, sandbox)
            try {
              load()
            } finally {
              group = null
              activeGroupSandbox.clear()
            }
          })
        }
      })
      // A member's own jest.setTimeout would set every test of the file: the longest any member uses.
      jest.setTimeout(300_000)
    },
  })
}
