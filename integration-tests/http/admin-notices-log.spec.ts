import { medusaRunner } from "../helpers/medusa-runner"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { Logger } from "@medusajs/framework/types"
import { publishAthMovilEvents } from "../../src/workflows/events/publish"
import { currentPuertoRicoDay, parseReconcileRange, runReportReconciliation } from "../../src/workflows/reconcile-report"
import { useSandbox } from "../helpers/sandbox"
import { cartReadyToPay, seedStore, startAthPayment, storefront, type SeededStore } from "../helpers/store"
import { seedTodaysReport, waitFor } from "../helpers/webhooks"

jest.setTimeout(180_000)

// This store runs without Medusa's Notification module (medusa-config.ts reads this when the app boots).
process.env.ATHMOVIL_TEST_NO_NOTIFICATIONS = "true"
afterAll(() => {
  delete process.env.ATHMOVIL_TEST_NO_NOTIFICATIONS
})

const sandbox = useSandbox()

medusaRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let warnings: jest.SpyInstance

    beforeAll(async () => {
      store = await seedStore(api, getContainer())
      // Observed, not replaced: the server's own logger still writes every line.
      warnings = jest.spyOn(getContainer().resolve<Logger>(ContainerRegistrationKeys.LOGGER), "warn")
    })

    beforeEach(() => sandbox().reset())

    const lines = (text: RegExp) => warnings.mock.calls.map((c) => String(c[0])).filter((l) => text.test(l))

    it("has no Notification module, and writes each notice as one warning line instead", async () => {
      expect(getContainer().resolve(Modules.NOTIFICATION, { allowUnregistered: true })).toBeFalsy()

      const sdk = storefront(store)
      sandbox().setFault("payment", { softError: { errorcode: "BTRA_0401", message: "Invalid authorization token" }, times: 3 })
      for (let i = 0; i < 3; i++) {
        const cart = await cartReadyToPay(sdk, store)
        await expect(startAthPayment(sdk, cart)).rejects.toBeTruthy()
      }
      await waitFor("the tokens warning", async () => {
        await publishAthMovilEvents(getContainer())
        return lines(/refused this store's tokens/)
      }, (l) => l.length > 0)

      const today = currentPuertoRicoDay()
      const range = parseReconcileRange({ from: today, to: today })
      seedTodaysReport(sandbox(), range, 1)
      await runReportReconciliation(getContainer(), range)
      await runReportReconciliation(getContainer(), range)
      await waitFor("the reconciliation warning", async () => {
        await publishAthMovilEvents(getContainer())
        return lines(/reconciliation found 1 difference\b/)
      }, (l) => l.length > 0)
      await new Promise((r) => setTimeout(r, 300))

      expect(lines(/refused this store's tokens/)).toHaveLength(1)
      expect(lines(/refused this store's tokens/)[0]).toMatch(/BTRA_0401.*publicToken and privateToken/)
      expect(lines(/reconciliation found/)).toHaveLength(1)
    })
  },
})
