/**
 * /sandbox/*: the customer's phone and the test controls, for demos, browser
 * tests and other processes. They have no authentication: they are meant for
 * a sandbox bound to a loopback address, never for a shared network.
 */
import { z } from "zod"
import { SandboxError } from "../errors"
import { faultSchema } from "../faults"
import { renderPhonePage, type PendingPaymentView } from "../phone-page"
import type { Reply, RequestContext, RouteDef } from "../server"
import type { CustomerTarget } from "../tickets"
import { SANDBOX_ROUTES, type AthSandbox, type SandboxRoute, type TicketSnapshot, type TicketStatus } from "../types"
import { webhookBehaviourSchema } from "../webhooks"

/** The public API, with approve/reject also taking both ecommerceId and phoneNumber at once. */
export type ControllableSandbox = AthSandbox & {
  approve(target: CustomerTarget): TicketSnapshot
  reject(target: CustomerTarget): TicketSnapshot
}

export interface ControlRouteDeps {
  sandbox: ControllableSandbox
  clockMode: "real" | "manual"
  pendingPayments(phone: string): PendingPaymentView[]
}

const customerTarget = z
  .object({ ecommerceId: z.string().min(1).optional(), phoneNumber: z.string().min(1).optional() })
  .strict()
  .refine((t) => t.ecommerceId !== undefined || t.phoneNumber !== undefined, "give ecommerceId or phoneNumber")

const advanceTime = z.object({ seconds: z.number().min(0) }).strict()

const clockSkew = z.object({ seconds: z.number() }).strict()

const faultInput = z
  .object({ route: z.enum(SANDBOX_ROUTES as [SandboxRoute, ...SandboxRoute[]]), fault: faultSchema.nullable() })
  .strict()

const refundInput = z
  .object({
    referenceNumber: z.string().min(1),
    amount: z.union([z.string(), z.number()]).transform(String),
    message: z.string().optional(),
  })
  .strict()

const appEventInput = z
  .object({
    kind: z.enum(["payment", "donation", "simulated"]),
    amount: z.string().optional(),
    phoneNumber: z.string().regex(/^\d{10}$/).optional(),
    message: z.string().optional(),
  })
  .strict()

const seedInput = z
  .object({
    count: z.number().int().min(1).max(500_000),
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    refundShare: z.number().min(0).max(1).optional(),
  })
  .strict()

const variantsInput = z
  .object({
    seed: z.union([z.string().min(1), z.number()]).nullable().optional().transform((v) => v ?? undefined),
    strict: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
  })
  .strict()

const TICKET_STATUSES: readonly string[] = ["OPEN", "CONFIRM", "COMPLETED", "CANCEL"]

const json = (body: unknown, status = 200): Reply => ({ status, json: body })

/** Control answers are plain JSON (`{error, code?}` on failure), not the ATH envelope. */
function control(handler: (ctx: RequestContext) => unknown | Promise<unknown>) {
  return async (ctx: RequestContext): Promise<Reply> => {
    try {
      return json(await handler(ctx))
    } catch (err) {
      if (err instanceof z.ZodError) return json({ error: z.prettifyError(err) }, 400)
      if (err instanceof SandboxError) return json({ error: err.message, code: err.code }, err.code === "BTRA_0031" ? 404 : 409)
      if (err instanceof RangeError || err instanceof TypeError) return json({ error: err.message }, 400)
      throw err
    }
  }
}

function body(ctx: RequestContext): unknown {
  if (ctx.rawBody.trim() === "") return {}
  try {
    return JSON.parse(ctx.rawBody)
  } catch {
    throw new TypeError("request body is not JSON")
  }
}

export function controlRoutes({ sandbox, clockMode, pendingPayments }: ControlRouteDeps): RouteDef[] {
  const route = (method: RouteDef["method"], path: RouteDef["path"], handler: Parameters<typeof control>[0]): RouteDef => ({
    method,
    path,
    route: "control",
    handle: control(handler),
  })
  return [
    route("GET", "/sandbox/health", () => ({ status: "ok", clock: clockMode, now: sandbox.now().toISOString() })),
    {
      method: "GET",
      path: "/sandbox/phone",
      route: "control",
      handle(ctx) {
        const phone = (ctx.query.get("phone") ?? "").replace(/\D/g, "")
        const payments = phone ? pendingPayments(phone) : []
        return { status: 200, html: renderPhonePage({ phone, payments, clockRunning: clockMode === "real" }) }
      },
    },
    route("POST", "/sandbox/customer/approve", (ctx) => sandbox.approve(customerTarget.parse(body(ctx)))),
    route("POST", "/sandbox/customer/reject", (ctx) => sandbox.reject(customerTarget.parse(body(ctx)))),
    route("POST", "/sandbox/control/advance-time", async (ctx) => {
      await sandbox.advanceTime(advanceTime.parse(body(ctx)).seconds)
      return { now: sandbox.now().toISOString() }
    }),
    route("POST", "/sandbox/control/clock-skew", (ctx) => {
      const { seconds } = clockSkew.parse(body(ctx))
      sandbox.setClockSkew(seconds)
      return { seconds }
    }),
    route("POST", "/sandbox/control/fault", (ctx) => {
      const input = faultInput.parse(body(ctx))
      sandbox.setFault(input.route, input.fault)
      return { route: input.route, fault: input.fault }
    }),
    route("POST", "/sandbox/control/refund", (ctx) => sandbox.refundOutsideApi(refundInput.parse(body(ctx)))),
    route("GET", "/sandbox/control/webhooks", () => ({ deliveries: sandbox.webhookDeliveries })),
    route("POST", "/sandbox/control/webhooks", (ctx) => {
      sandbox.setWebhookBehaviour(webhookBehaviourSchema.parse(body(ctx)))
      return { ok: true }
    }),
    route("POST", "/sandbox/control/webhooks/flush", async () => {
      await sandbox.flushWebhooks()
      return { delivered: sandbox.webhookDeliveries.length }
    }),
    route("GET", "/sandbox/control/variants", () => ({ variants: sandbox.variants, choices: sandbox.variantChoices })),
    // {seed?, strict?} switches the response variants; {} (or {"seed": null}) turns them off.
    route("POST", "/sandbox/control/variants", (ctx) => {
      const input = variantsInput.parse(body(ctx))
      sandbox.setVariants(input.seed === undefined && input.strict === undefined ? null : input)
      return { variants: sandbox.variants }
    }),
    route("POST", "/sandbox/control/app-event", (ctx) => {
      const { kind, ...input } = appEventInput.parse(body(ctx))
      sandbox.sendAppWebhook(kind, input)
      return { ok: true }
    }),
    route("GET", "/sandbox/control/tickets", (ctx) => {
      const phone = ctx.query.get("phone")
      const status = ctx.query.get("status")
      if (status !== null && !TICKET_STATUSES.includes(status)) throw new TypeError(`unknown status ${status}`)
      return sandbox
        .listTickets()
        .filter((t) => (phone === null || t.phoneNumber === phone) && (status === null || t.status === (status as TicketStatus)))
    }),
    route("GET", /^\/sandbox\/control\/tickets\/(?<id>[^/]+)$/, (ctx) => {
      const ticket = sandbox.getTicket(decodeURIComponent(ctx.params.id))
      if (!ticket) throw new SandboxError(`No payment with ecommerceId ${ctx.params.id}`, "BTRA_0031")
      return ticket
    }),
    route("GET", "/sandbox/control/requests", () => ({
      requestLog: sandbox.requestLog,
      counts: Object.fromEntries(SANDBOX_ROUTES.map((r) => [r, sandbox.callCount(r)])),
    })),
    route("POST", "/sandbox/control/seed", (ctx) => {
      const input = seedInput.parse(body(ctx))
      sandbox.seedReportTransactions(input.count, { from: new Date(input.from), to: new Date(input.to), refundShare: input.refundShare })
      return { seeded: input.count }
    }),
    route("POST", "/sandbox/control/reset", () => {
      sandbox.reset()
      return { ok: true }
    }),
  ]
}
