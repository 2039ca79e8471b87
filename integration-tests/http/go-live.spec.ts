import net from "node:net"
import { medusaRunner } from "../helpers/medusa-runner"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { AthMovilClient } from "../../src/lib/athmovil"
import { ATHMOVIL_MODULE } from "../../src/modules/athmovil"
import type AthMovilModuleService from "../../src/modules/athmovil/service"
import { resolveAthMovil, type AthMovilContext } from "../../src/providers/athmovil/container"
import { runGoLiveCheck, type GoLiveReport } from "../../src/api/admin/athmovil/go-live/check"
import athmovilGoLive from "../../src/scripts/athmovil-go-live"
import athMovilRecoverSessions from "../../src/jobs/athmovil-recover-sessions"
import athMovilReportSync from "../../src/jobs/athmovil-report-sync"
import { useSandbox, WEBHOOK_SECRET } from "../helpers/sandbox"
import { seedStore, type SeededStore } from "../helpers/store"
import { waitFor } from "../helpers/webhooks"

jest.setTimeout(180_000)

/** A port nothing listens on (taken, then released), and one for Medusa so publicBaseUrl can name it. */
async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
  const { port } = server.address() as net.AddressInfo
  await new Promise((r) => server.close(r))
  return port
}

let medusaPort = 0
let closedPort = 0
const savedEnv = { PORT: process.env.PORT, ATHMOVIL_PUBLIC_BASE_URL: process.env.ATHMOVIL_PUBLIC_BASE_URL }
beforeAll(async () => {
  medusaPort = await freePort()
  closedPort = await freePort()
  // Read by the runner's startApp and by medusa-config.ts, both after this hook.
  process.env.PORT = String(medusaPort)
  process.env.ATHMOVIL_PUBLIC_BASE_URL = `http://localhost:${medusaPort}`
})
afterAll(() => {
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
})

const sandbox = useSandbox()

medusaRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    const secrets = () => [sandbox().tokens.privateToken, sandbox().tokens.publicToken, WEBHOOK_SECRET]
    const noSecret = (text: string) => {
      for (const secret of secrets()) expect(text).not.toContain(secret)
    }
    const container = () => getContainer() as MedusaContainer

    async function goLive(): Promise<GoLiveReport> {
      const res = await api.get("/admin/athmovil/go-live", store.adminHeaders)
      expect(res.status).toBe(200)
      noSecret(JSON.stringify(res.data))
      return res.data.go_live
    }

    /** The exec script in this process (the same container `medusa exec` would build): its output and exit code. */
    async function script(): Promise<{ out: string; exitCode: number }> {
      const write = process.stdout.write
      let out = ""
      process.stdout.write = ((chunk: string) => {
        out += chunk
        return true
      }) as typeof process.stdout.write
      const before = process.exitCode
      process.exitCode = 0
      try {
        await athmovilGoLive({ container: container(), args: [] } as never)
      } finally {
        process.stdout.write = write
      }
      const exitCode = Number(process.exitCode ?? 0)
      process.exitCode = before
      noSecret(out)
      return { out, exitCode }
    }

    const byId = (report: GoLiveReport) => Object.fromEntries(report.checks.map((c) => [c.id, c]))
    const verdicts = (report: GoLiveReport) => Object.fromEntries(report.checks.map((c) => [c.id, c.ok ? "ok" : c.fix_id]))
    const context = (over: Partial<AthMovilContext["options"]> = {}, client?: AthMovilClient): AthMovilContext => {
      const ctx = resolveAthMovil(container())
      return { ...ctx, client: client ?? ctx.client, options: { ...ctx.options, ...over } }
    }

    /**
     * The recovery job last ran `minutes` ago, as if the instances running jobs had stopped then.
     * Medusa's own scheduler runs the job at each minute's start: stay clear of it so it cannot
     * refresh the heartbeat while the test reads it.
     */
    async function recoveryRanMinutesAgo(minutes: number) {
      while (new Date().getUTCSeconds() >= 45 || new Date().getUTCSeconds() < 5) await new Promise((r) => setTimeout(r, 500))
      await athMovilRecoverSessions(container())
      const pg = container().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await pg.raw(`UPDATE athmovil_account_activity SET "at" = now() - make_interval(mins => ?) WHERE name = 'job.athmovil-recover-sessions'`, [minutes])
    }

    beforeAll(async () => {
      store = await seedStore(api, getContainer())
      expect(store.baseUrl).toBe(`http://localhost:${medusaPort}`)
    })

    beforeEach(() => sandbox().reset())

    it("a store that is not ready: each missing step is red with its fix, and the script exits 1", async () => {
      await recoveryRanMinutesAgo(6)
      sandbox().setClockSkew(-120)

      const report = await goLive()
      expect(report).toMatchObject({ provider_id: "pp_athmovil_athmovil", live: false, ok: false })
      expect(verdicts(report)).toEqual({
        public_token: "ok",
        private_token: "ok",
        listener_url: "ok",
        webhooks_subscribed: "webhooks_not_subscribed",
        simulated_event: "simulated_send",
        recovery_job: "recovery_not_running",
        report_job: "report_not_running",
        clock: "clock_skew",
      })
      const checks = byId(report)
      expect(checks.listener_url.detail).toBe(`http://localhost:${medusaPort}/hooks/athmovil/••••${WEBHOOK_SECRET.slice(-4)} reached this store's listener.`)
      expect(checks.recovery_job.detail).toMatch(/^The last run was 36\d s ago\.$/)
      expect(checks.clock.detail).toMatch(/^This server's clock is 1(19|20|21) s ahead of ATH Móvil's\.$/)
      expect(checks.webhooks_subscribed.fix).toBe("Subscribe the webhooks: ATH Móvil admin page → Settings → Subscribe webhooks.")
      // The probe stored nothing in the webhook inbox.
      expect(await getContainer().resolve<AthMovilModuleService>(ATHMOVIL_MODULE).listAthWebhookEvents({})).toEqual([])

      const { out, exitCode } = await script()
      expect(exitCode).toBe(1)
      const lines = out.trim().split("\n")
      expect(lines[0]).toMatch(/^ATH Móvil go-live check: pp_athmovil_athmovil \(sandbox \/ dev\), /)
      expect(lines.slice(1, -1).map((l) => l.slice(0, 1))).toEqual(["✓", "✓", "✓", "✗", "✗", "✗", "✗", "✗"])
      expect(lines).toContainEqual(
        expect.stringMatching(
          /^✗ Server clock within 60 s of ATH Móvil's: This server's clock is 1(19|20|21) s ahead of ATH Móvil's\. Fix: Synchronise this server's clock with NTP \(e\.g\. `timedatectl set-ntp true`\): ATH refuses tokens and reports by time\.$/
        )
      )
      expect(lines.at(-1)).toBe("5 of 8 checks red: not ready to go live.")
    })

    it("refused tokens and a publicBaseUrl that does not lead here are red, with the right fix each", async () => {
      const wrong = new AthMovilClient({
        publicToken: "wrong-public-token",
        privateToken: "wrong-private-token",
        apiBaseUrl: sandbox().apiBaseUrl,
        reportBaseUrl: sandbox().reportBaseUrl,
        maxReadRetries: 0,
      })
      const refused = byId(await runGoLiveCheck(container(), context({}, wrong)))
      expect([refused.public_token.fix_id, refused.private_token.fix_id]).toEqual(["public_token_rejected", "private_token_rejected"])

      const badUrls: Array<[string | undefined, string, RegExp]> = [
        [undefined, "public_base_url_missing", /publicBaseUrl option is not set/],
        ["http://shop.example.com", "public_base_url_not_https", /https/],
        [`http://127.0.0.1:${closedPort}`, "listener_unreachable", /did not answer the probe \(the connection failed\)/],
        // A server answers, but it is not this store (here: the sandbox, which has no listener).
        [sandbox().url, "listener_wrong_answer", /answered the probe with HTTP 404/],
      ]
      for (const [publicBaseUrl, fixId, detail] of badUrls) {
        const check = byId(await runGoLiveCheck(container(), context({ publicBaseUrl })))
        expect([publicBaseUrl, check.listener_url.fix_id]).toEqual([publicBaseUrl, fixId])
        expect(check.listener_url.detail).toMatch(detail)
        noSecret(JSON.stringify(check))
      }
      // Another store's secret behind the right address: the proof does not match.
      const otherSecret = byId(await runGoLiveCheck(container(), context({ webhookSecret: "another-store-secret-0123456789" })))
      expect(otherSecret.listener_url.fix_id).toBe("listener_wrong_answer")
      // ATH's production API: plain http://localhost is not a listener ATH can post to.
      const prodLike = byId(await runGoLiveCheck(container(), context({ apiBaseUrl: undefined }, resolveAthMovil(container()).client)))
      expect(prodLike.listener_url.fix_id).toBe("public_base_url_not_https")

      // The listener's probe: a proof for a well-formed nonce only, and never the secret.
      const probe = await api.get(`/hooks/athmovil/${WEBHOOK_SECRET}?probe=zz`).catch((e) => e.response)
      expect(probe.status).toBe(400)
      expect((await api.get(`/hooks/athmovil/not-the-secret?probe=${"a".repeat(32)}`).catch((e) => e.response)).status).toBe(401)
    })

    it("subscribed, a test event from the app, jobs running and the clocks agreeing: all green, the script exits 0", async () => {
      const subscribed = await api.post("/admin/athmovil/webhooks/subscribe", {}, store.adminHeaders)
      expect(subscribed.status).toBe(200)
      sandbox().sendAppWebhook("simulated")
      const athmovil = getContainer().resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
      await waitFor("the test event", () => athmovil.listAthWebhookEvents({ kind: "simulated" }), (l) => l.length === 1)
      await athMovilRecoverSessions(container())
      await athMovilReportSync(container())

      const report = await goLive()
      expect(report.checks.filter((c) => !c.ok)).toEqual([])
      expect(report.ok).toBe(true)
      const checks = byId(report)
      expect(checks.webhooks_subscribed.detail).toBe(
        `Subscribed http://localhost:${medusaPort}/hooks/athmovil/••••${WEBHOOK_SECRET.slice(-4)} to donationReceived, ecommercePaymentCancelled, ecommercePaymentExpired, ecommercePaymentReceived, paymentReceived, refundSent.`
      )
      expect(Date.parse(checks.simulated_event.at!)).toBeGreaterThanOrEqual(Date.parse(checks.webhooks_subscribed.at!))
      expect(checks.report_job.detail).toMatch(/^The last run \(0 h ago\) succeeded: \d{4}-\d{2}-\d{2}: 0 payments, 0 refunds, no differences\.$/)

      const { out, exitCode } = await script()
      expect(exitCode).toBe(0)
      expect(out.trim().split("\n").slice(1, -1).every((l) => l.startsWith("✓ "))).toBe(true)
      expect(out).toContain("All 8 checks green: ready to go live.")

      // Subscribed elsewhere than where publicBaseUrl now leads (same server, another address).
      const moved = byId(await runGoLiveCheck(container(), context({ publicBaseUrl: `http://127.0.0.1:${medusaPort}` })))
      expect([moved.listener_url.ok, moved.webhooks_subscribed.fix_id]).toEqual([true, "webhooks_other_url"])

      // A failed report run is recorded with its reason; a new subscription needs a new test event.
      sandbox().setFault("report", { status: 503 })
      await expect(athMovilReportSync(container())).rejects.toThrow()
      await api.post("/admin/athmovil/webhooks/subscribe", {}, store.adminHeaders)
      const after = byId(await goLive())
      expect([after.report_job.fix_id, after.simulated_event.fix_id]).toEqual(["report_failed", "simulated_send"])
      expect(after.report_job.detail).toMatch(/failed: .*ATH Móvil/)
    })
  },
})
