/** Checkout figures: the plugin's overhead on `cart.complete`, approval to order, and the peak of shoppers at once. */
import { SANDBOX_ROUTES } from "../src/sandbox"
import { completeAthMovilCheckout, startAthMovilPayment, waitForAthMovilApproval } from "../src/storefront"
import { ATH_PROVIDER_ID, SHOPPER_PHONE, cartReadyToPay } from "../integration-tests/helpers/store"
import { type Ctx, SYSTEM_PROVIDER, log, now, sdkFor, sleep, stats } from "./context"

export async function benchCheckout(ctx: Ctx, count = 40) {
  const sdk = sdkFor(ctx)
  const prepareAth = async () => {
    const cart = await cartReadyToPay(sdk, ctx.store)
    const p = await startAthMovilPayment(sdk, cart, { phoneNumber: SHOPPER_PHONE })
    ctx.sandbox.approve({ ecommerceId: p.ecommerceId })
    return cart.id
  }
  const prepareSystem = async () => {
    const cart = await cartReadyToPay(sdk, ctx.store)
    await sdk.store.payment.initiatePaymentSession(cart as never, { provider_id: SYSTEM_PROVIDER })
    return cart.id
  }
  const timeComplete = async (cartId: string) => {
    const t = now()
    const r = await sdk.store.cart.complete(cartId)
    const ms = now() - t
    if (r.type !== "order") throw new Error(`checkout did not produce an order: ${JSON.stringify(r).slice(0, 300)}`)
    return ms
  }
  log(`checkout overhead: warming up`)
  for (let i = 0; i < 5; i++) {
    await timeComplete(await prepareAth())
    await timeComplete(await prepareSystem())
  }
  const ath: number[] = []
  const system: number[] = []
  let athCalls = 0
  for (let i = 0; i < count; i++) {
    const order: Array<"ath" | "system"> = i % 2 ? ["ath", "system"] : ["system", "ath"]
    for (const kind of order) {
      if (kind === "ath") {
        const cartId = await prepareAth()
        const before = ctx.sandbox.callCount()
        ath.push(await timeComplete(cartId))
        athCalls += ctx.sandbox.callCount() - before
      } else {
        system.push(await timeComplete(await prepareSystem()))
      }
    }
    if ((i + 1) % 25 === 0) log(`checkout overhead: ${i + 1}/${count}`)
  }
  const a = stats(ath)
  const s = stats(system)
  return {
    ath: a,
    system: s,
    ratio_p50: Math.round((a.p50 / s.p50) * 100) / 100,
    ratio_p95: Math.round((a.p95 / s.p95) * 100) / 100,
    ath_calls_per_complete: athCalls / count,
  }
}

/* ------------------------------------------------------------- 2. approval to order */

export async function benchApproval(ctx: Ctx, count = 30, concurrency = 1, withPolling = false) {
  // The approval lands at a uniformly random moment of the pollers' cycles (0–2 s after the push).
  const approveLater = (ecommerceId: string) => {
    const delay = Math.random() * 2000
    return sleep(delay).then(() => {
      ctx.sandbox.approve({ ecommerceId })
      return now()
    })
  }
  const kitCheckout = async () => {
    const sdk = sdkFor(ctx)
    const cart = await cartReadyToPay(sdk, ctx.store)
    const p = await startAthMovilPayment(sdk, cart, { phoneNumber: SHOPPER_PHONE })
    const approvedAt = approveLater(p.ecommerceId)
    await waitForAthMovilApproval(sdk, { sessionId: p.sessionId, cartId: cart.id })
    await completeAthMovilCheckout(sdk, cart.id, { sessionId: p.sessionId })
    const done = now()
    return done - (await approvedAt)
  }
  const pollingCheckout = async () => {
    // The seeds' Python client: call cart.complete every 2 s until it gives an order.
    const sdk = sdkFor(ctx)
    const cart = await cartReadyToPay(sdk, ctx.store)
    const { payment_collection } = await sdk.store.payment.initiatePaymentSession(cart as never, {
      provider_id: ATH_PROVIDER_ID,
      data: { phone_number: SHOPPER_PHONE, cart_id: cart.id },
    })
    const session = payment_collection.payment_sessions!.find((s) => s.provider_id === ATH_PROVIDER_ID)!
    const approvedAt = approveLater((session.data as { ecommerce_id: string }).ecommerce_id)
    for (;;) {
      const r = await sdk.store.cart.complete(cart.id).catch(() => null)
      if (r?.type === "order") break
      await sleep(2000)
    }
    const done = now()
    return done - (await approvedAt)
  }
  const kit: number[] = []
  const polling: number[] = []
  let kitCalls = 0
  let pollingCalls = 0
  for (let done = 0; done < count; done += concurrency) {
    const n = Math.min(concurrency, count - done)
    let before = ctx.sandbox.callCount()
    kit.push(...(await Promise.all(Array.from({ length: n }, kitCheckout))))
    kitCalls += ctx.sandbox.callCount() - before
    if (withPolling) {
      before = ctx.sandbox.callCount()
      polling.push(...(await Promise.all(Array.from({ length: n }, pollingCheckout))))
      pollingCalls += ctx.sandbox.callCount() - before
    }
    if ((done + n) % 10 === 0) log(`approval to order: ${done + n}/${count} each`)
  }
  const k = stats(kit)
  const p = withPolling ? stats(polling) : null
  return {
    kit: k,
    // ATH allows one status read per second per ticket; the kit reads at the status route's retry_after_ms.
    read_interval_ms: 1000,
    polling_2s: p,
    ratio_p50: p ? Math.round((k.p50 / p.p50) * 100) / 100 : null,
    ath_calls_per_checkout: { kit: kitCalls / count, polling_2s: pollingCalls / count },
    concurrency,
  }
}

/* ------------------------------------------------------------- 3. peak */

async function burst(shoppers: number, checkout: () => Promise<void>) {
  const started = now()
  const results = await Promise.all(
    Array.from({ length: shoppers }, async () => {
      const t = now()
      try {
        await checkout()
        return { ok: true as const, ms: now() - t }
      } catch (e) {
        return { ok: false as const, ms: now() - t, error: e instanceof Error ? e.message : String(e) }
      }
    })
  )
  const wallMs = now() - started
  const ok = results.filter((r) => r.ok)
  const errors = results.filter((r) => !r.ok)
  return {
    wall_ms: Math.round(wallMs),
    orders: ok.length,
    orders_per_second: Math.round((ok.length / (wallMs / 1000)) * 100) / 100,
    completion: stats(ok.map((r) => r.ms)),
    errors: errors.length,
    error_samples: errors.slice(0, 3).map((e) => (e as { error: string }).error),
  }
}

export async function benchPeak(ctx: Ctx, shoppers = 50) {
  // Reference: the same 50 shoppers paying with pp_system_default (cart, shipping, session, complete).
  log(`peak: ${shoppers} shoppers with ${SYSTEM_PROVIDER}`)
  const reference = await burst(shoppers, async () => {
    const sdk = sdkFor(ctx)
    const cart = await cartReadyToPay(sdk, ctx.store)
    await sdk.store.payment.initiatePaymentSession(cart as never, { provider_id: SYSTEM_PROVIDER })
    const r = await sdk.store.cart.complete(cart.id)
    if (r.type !== "order") throw new Error("no order")
  })
  log(`peak: ${shoppers} shoppers with ATH Móvil (storefront kit), sandbox latency 150 ms ± 50`)
  for (const route of SANDBOX_ROUTES) ctx.sandbox.setFault(route, { latencyMs: 100, jitterMs: 100 })
  const before = ctx.sandbox.callCount()
  const ath = await burst(shoppers, async () => {
    const sdk = sdkFor(ctx)
    const cart = await cartReadyToPay(sdk, ctx.store)
    const p = await startAthMovilPayment(sdk, cart, { phoneNumber: SHOPPER_PHONE })
    ctx.sandbox.approve({ ecommerceId: p.ecommerceId })
    await waitForAthMovilApproval(sdk, { sessionId: p.sessionId, cartId: cart.id })
    await completeAthMovilCheckout(sdk, cart.id, { sessionId: p.sessionId })
  })
  ctx.sandbox.clearFaults()
  const calls = ctx.sandbox.callCount() - before
  return {
    shoppers,
    ath: {
      ...ath,
      ath_calls_per_order: ath.orders ? Math.round((calls / ath.orders) * 100) / 100 : null,
      double_debits: ctx.sandbox.listTickets().filter((t) => t.authorizationCount > 1).length,
    },
    system: reference,
    sandbox_latency: "150 ms ± 50 on every route",
  }
}
