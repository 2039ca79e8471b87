/**
 * The merchant's books, issue 13: the ATH receipt is the Medusa order (line items, IVU, shipping,
 * a promotion), built on the server from the cart whatever the storefront sends; the ledger has a
 * row from the first second of every checkout (OPEN → CONFIRM → COMPLETED / CANCEL / EXPIRED),
 * with and without webhooks; the shopper's phone comes from the cart when the storefront sends none.
 */
import { storeSuite } from "../helpers/suite-group"
import { MathBN, Modules } from "@medusajs/framework/utils"
import { createPaymentSessionsWorkflow } from "@medusajs/medusa/core-flows"
import type Medusa from "@medusajs/js-sdk"
import { useSandbox } from "../helpers/sandbox"
import { assertPaymentInvariants } from "../helpers/invariants"
import { waitFor } from "../helpers/webhooks"
import { ATH_PROVIDER_ID, SHOPPER_PHONE, seedStore, storefront, type SeededStore } from "../helpers/store"
import { ATHMOVIL_MODULE } from "../../src/modules/athmovil"
import type AthMovilModuleService from "../../src/modules/athmovil/service"
import { reconcileAthSession } from "../../src/workflows/recover-sessions"
import { resolveAthMovil } from "../../src/providers/athmovil/container"
import { withServerClockAhead } from "../helpers/server-clock"

jest.setTimeout(180_000)

const sandbox = useSandbox({ clock: "manual" })

const money = (v: unknown) => MathBN.convert(v as never).toFixed(2, 4)
const cents = (v: unknown) => BigInt(MathBN.mult(MathBN.convert(v as never), 100).toFixed(0, 4))

storeSuite({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let variants: { shirt: string; coffee: string; sticker: string }

    const athmovil = () => getContainer().resolve<AthMovilModuleService>(ATHMOVIL_MODULE)
    const ledgerOf = async (ecommerceId: string) => (await athmovil().listAthTransactions({ ecommerce_id: ecommerceId }))[0]

    beforeAll(async () => {
      store = await seedStore(api, getContainer())
      const h = store.adminHeaders
      // IVU: 10.5 % state + 1 % municipal, on goods and shipping, for the Puerto Rico region.
      await api.post(
        "/admin/tax-regions",
        { country_code: "pr", provider_id: "tp_system", default_tax_rate: { name: "IVU", code: "IVU", rate: 11.5 } },
        h
      )
      const profile = (await api.get("/admin/shipping-profiles", h)).data.shipping_profiles[0]
      const channel = (await api.get("/admin/sales-channels?name=Webshop", h)).data.sales_channels[0]
      const product = async (title: string, variant: string, usd: number) =>
        (
          await api.post(
            "/admin/products",
            {
              title,
              status: "published",
              shipping_profile_id: profile.id,
              options: [{ title: "Option", values: [variant] }],
              variants: [
                { title: variant, sku: `${title.slice(0, 4).toUpperCase()}-${variant.slice(0, 3).toUpperCase()}`, options: { Option: variant }, manage_inventory: false, prices: [{ currency_code: "usd", amount: usd }] },
              ],
              sales_channels: [{ id: channel.id }],
            },
            h
          )
        ).data.product.variants[0].id
      variants = {
        shirt: await product("Camiseta Coquí", "M", 9.99),
        coffee: await product("Café Yauco Selecto", "Molido 1 lb", 20),
        sticker: await product("Sticker Bandera", "Grande", 4.25),
      }
      await api.post(
        "/admin/promotions",
        {
          code: "COQUI10",
          type: "standard",
          status: "active",
          is_automatic: false,
          application_method: { type: "percentage", target_type: "items", allocation: "across", value: 10 },
        },
        h
      )
    })

    beforeEach(() => sandbox().reset())

    const address = (phone?: string) => ({
      first_name: "Jane",
      last_name: "Rivera",
      address_1: "1 Calle Fortaleza",
      city: "San Juan",
      postal_code: "00901",
      country_code: "pr",
      ...(phone ? { phone } : {}),
    })

    /** 3 products (the shirt × 3), shipping, the 10 % promotion, IVU 11.5 %. */
    async function bookCart(sdk: Medusa, phones: { shipping?: string; billing?: string } = {}) {
      const { cart } = await sdk.store.cart.create({
        region_id: store.regionId,
        email: "jane@example.com",
        items: [
          { variant_id: variants.shirt, quantity: 3 },
          { variant_id: variants.coffee, quantity: 1 },
          { variant_id: variants.sticker, quantity: 1 },
        ],
        shipping_address: address(phones.shipping),
        billing_address: address(phones.billing),
      })
      await sdk.store.cart.addShippingMethod(cart.id, { option_id: store.shippingOptionId })
      return (await sdk.store.cart.update(cart.id, { promo_codes: ["COQUI10"] })).cart
    }

    async function startSession(sdk: Medusa, cart: { id: string }, data: Record<string, unknown>) {
      const { payment_collection } = await sdk.store.payment.initiatePaymentSession(cart as never, { provider_id: ATH_PROVIDER_ID, data })
      const session = payment_collection.payment_sessions!.find((s) => s.provider_id === ATH_PROVIDER_ID)!
      return { session, ecommerceId: (session.data as { ecommerce_id: string }).ecommerce_id, collectionId: payment_collection.id }
    }

    /** The ATH receipt must be the cart: lines, quantities, IVU and the promotion, to the cent. */
    function expectReceiptIsCart(
      ticket: { items: Array<{ name: string; description: string; quantity: number; price: string; tax: string | null; metadata: string | null; sku?: string | null }>; subtotal: string | null; tax: string | null; total: string },
      order: Record<string, any>
    ) {
      expect(ticket.total).toBe(money(order.total))
      expect(ticket.tax).toBe(money(order.tax_total))
      // subtotal + tax = total to the cent: the total and the tax are each Medusa's, rounded.
      expect(cents(ticket.subtotal)).toBe(cents(order.total) - cents(order.tax_total))
      for (const line of order.items) {
        // ATH items carry the cart line id (metadata) and the variant SKU; the order's lines are new rows.
        const mine = ticket.items.filter((i) => i.sku === line.variant_sku)
        expect(mine.length).toBeGreaterThan(0)
        expect(mine[0].name).toBe(line.product_title)
        expect(mine[0].description.startsWith(line.variant_title)).toBe(true)
        expect(mine.reduce((s, i) => s + i.quantity, 0)).toBe(Number(line.quantity))
        const net = mine.reduce((s, i) => s + cents(i.price) * BigInt(i.quantity), 0n)
        // Each line within the cent that rounding the cart to whole cents may move it; the sums are exact below.
        const within = (sent: bigint, exact: unknown) =>
          MathBN.lt(MathBN.abs(MathBN.sub(sent.toString(), MathBN.mult(MathBN.convert(exact as never), 100))), 1)
        expect(within(net, MathBN.sub(line.subtotal, line.discount_subtotal))).toBe(true)
        const tax = mine.reduce((s, i) => s + cents(i.tax ?? 0), 0n)
        expect(within(tax, line.tax_total)).toBe(true)
      }
      const shipping = ticket.items.filter((i) => i.name === "Shipping")
      expect(shipping).toHaveLength(order.shipping_methods.length)
      expect(shipping.reduce((s, i) => s + cents(i.price), 0n)).toBe(cents(MathBN.sub(order.shipping_subtotal, order.shipping_discount_total ?? 0)))
      const net = ticket.items.reduce((s, i) => s + cents(i.price) * BigInt(i.quantity), 0n)
      const tax = ticket.items.reduce((s, i) => s + cents(i.tax ?? 0), 0n)
      expect(net).toBe(cents(ticket.subtotal))
      expect(tax).toBe(cents(ticket.tax))
    }

    it("sends ATH the cart as the receipt: each line, shipping, IVU 11.5 % and the 10 % promotion — equal to the order", async () => {
      const sdk = storefront(store)
      const cart = await bookCart(sdk)
      expect(Number(cart.discount_total)).toBeGreaterThan(0)
      expect(Number(cart.tax_total)).toBeGreaterThan(0)
      const { session, ecommerceId } = await startSession(sdk, cart, { phone_number: SHOPPER_PHONE })

      sandbox().approve({ ecommerceId })
      const done = await sdk.store.cart.complete(cart.id)
      expect(done.type).toBe("order")
      const orderId = (done as { order: { id: string } }).order.id
      const { data } = await api.get(
        `/admin/orders/${orderId}?fields=id,total,subtotal,tax_total,discount_total,discount_subtotal,shipping_subtotal,shipping_discount_total,items.*,shipping_methods.*`,
        store.adminHeaders
      )
      const order = data.order
      const ticket = sandbox().getTicket(ecommerceId)!
      // For the closing note: one ATH receipt next to the Medusa order it belongs to.
      process.stdout.write(
        `\nATH receipt (sandbox ticket ${ecommerceId}):\n${JSON.stringify({ total: ticket.total, subtotal: ticket.subtotal, tax: ticket.tax, items: ticket.items }, null, 2)}\n` +
          `Medusa order ${orderId}: ${JSON.stringify({ total: order.total, subtotal: order.subtotal, discount_total: order.discount_total, tax_total: order.tax_total, shipping_subtotal: order.shipping_subtotal })}\n`
      )
      expect(ticket.items.length).toBeGreaterThanOrEqual(4)
      expectReceiptIsCart(ticket, order)

      // ATH's own transaction report shows the same receipt.
      const { client } = resolveAthMovil(getContainer())
      const athNow = sandbox().now().getTime()
      const report = await client.transactionReport({ from: new Date(athNow - 3600_000), to: new Date(athNow) })
      const row = report.find((r) => r.referenceNumber === ticket.referenceNumber)!
      expect(row).toBeTruthy()
      expect({ total: money(row.total), subtotal: money(row.subtotal), tax: money(row.tax) }).toEqual({
        total: ticket.total,
        subtotal: ticket.subtotal,
        tax: ticket.tax,
      })
      expect(row.items.map((i) => [i.name, i.quantity, money(i.price)])).toEqual(ticket.items.map((i) => [i.name, i.quantity, i.price]))

      // The ledger holds the same receipt, and the payment session carries none of it.
      const ledger = await ledgerOf(ecommerceId)
      expect(ledger).toMatchObject({ status: "COMPLETED", payment_session_id: session.id, cart_id: cart.id, phone_last4: SHOPPER_PHONE.slice(-4) })
      expect(money(ledger.subtotal)).toBe(ticket.subtotal)
      expect(money(ledger.tax)).toBe(ticket.tax)
      expect(ledger.items).toEqual(ticket.items.map((i) => expect.objectContaining({ name: i.name, quantity: i.quantity, price: i.price })))
      await assertPaymentInvariants(getContainer(), sandbox())
    })

    it("never takes items, tax or subtotal from the storefront: refused at the store route, ignored on a store's own workflow", async () => {
      const sdk = storefront(store)
      const cart = await bookCart(sdk)
      const forged = {
        phone_number: SHOPPER_PHONE,
        items: [{ name: "Order", description: "Order", quantity: 1, price: money(cart.total), tax: "0.00" }],
        tax: "0.00",
        subtotal: money(cart.total),
      }
      const refused = await sdk.store.payment
        .initiatePaymentSession(cart as never, { provider_id: ATH_PROVIDER_ID, data: forged })
        .then(
          (r) => ({ status: 200, collection: r.payment_collection }),
          (e: { status?: number; message?: string }) => ({ status: e.status ?? 0, message: e.message ?? "", collection: null })
        )
      if (refused.status === 200) {
        // Accepted only if ignored: the ticket still shows the cart.
        const s = refused.collection!.payment_sessions!.find((x) => x.provider_id === ATH_PROVIDER_ID)!
        const t = sandbox().getTicket((s.data as { ecommerce_id: string }).ecommerce_id)!
        expect(t.items.map((i) => i.name)).not.toEqual(["Order"])
        expect(t.tax).toBe(money(cart.tax_total))
      } else {
        expect(refused.status).toBe(400)
        expect((refused as { message: string }).message).toMatch(/items|tax|subtotal/)
        expect(sandbox().listTickets()).toHaveLength(0)
      }

      // A store's own workflow creating the session with the same forged data: keys dropped, cart used.
      const { data: pcs } = await getContainer()
        .resolve("query")
        .graph({ entity: "cart_payment_collection", fields: ["payment_collection_id"], filters: { cart_id: cart.id } })
      let collectionId = pcs[0]?.payment_collection_id
      if (!collectionId) {
        collectionId = (await sdk.client.fetch<{ payment_collection: { id: string } }>("/store/payment-collections", { method: "POST", body: { cart_id: cart.id } })).payment_collection.id
      }
      const { result } = await createPaymentSessionsWorkflow(getContainer()).run({
        input: { payment_collection_id: collectionId, provider_id: ATH_PROVIDER_ID, data: forged },
      })
      const ecommerceId = (result.data as { ecommerce_id: string }).ecommerce_id
      expect(result.data).not.toHaveProperty("items")
      expect(result.data).not.toHaveProperty("tax")
      const ticket = sandbox().getTicket(ecommerceId)!
      expect(ticket.items.map((i) => i.name).sort()).toEqual(["Café Yauco Selecto", "Camiseta Coquí", "Shipping", "Sticker Bandera"])
      expect(ticket.tax).toBe(money(cart.tax_total))
      expect(cents(ticket.subtotal)).toBe(cents(cart.total) - cents(cart.tax_total))
      await assertPaymentInvariants(getContainer(), sandbox())
    })

    it("pushes to the cart's shipping phone, then the billing phone, when the storefront sends no phone number", async () => {
      const sdk = storefront(store)
      const cart = await bookCart(sdk, { shipping: "(787) 555-0101", billing: "787-555-0202" })
      const { ecommerceId, session } = await startSession(sdk, cart, {})
      expect(sandbox().getTicket(ecommerceId)!.phoneNumber).toBe("7875550101")
      expect((session.data as { phone_last4: string }).phone_last4).toBe("0101")

      const billingOnly = await bookCart(sdk, { billing: "787-555-0202" })
      const second = await startSession(sdk, billingOnly, {})
      expect(sandbox().getTicket(second.ecommerceId)!.phoneNumber).toBe("7875550202")

      const none = await bookCart(sdk)
      const refused = await sdk.store.payment
        .initiatePaymentSession(none as never, { provider_id: ATH_PROVIDER_ID, data: {} })
        .then(() => null, (e: { status?: number; message?: string }) => e)
      expect(refused?.status).toBe(400)
      expect(refused?.message).toMatch(/phone/)
      await assertPaymentInvariants(getContainer(), sandbox())
    })

    it("keeps a ledger row from the first second, through every state, without webhooks", async () => {
      const sdk = storefront(store)

      // Abandoned: the row exists as soon as the ticket does, with its receipt.
      const abandonedCart = await bookCart(sdk)
      const abandoned = await startSession(sdk, abandonedCart, { phone_number: SHOPPER_PHONE })
      const open = await ledgerOf(abandoned.ecommerceId)
      const ticket = sandbox().getTicket(abandoned.ecommerceId)!
      expect(open).toMatchObject({
        status: "OPEN",
        payment_session_id: abandoned.session.id,
        cart_id: abandonedCart.id,
        phone_last4: SHOPPER_PHONE.slice(-4),
        metadata1: abandoned.session.id,
      })
      expect(money(open.total)).toBe(ticket.total)
      expect(money(open.subtotal)).toBe(ticket.subtotal)
      expect(money(open.tax)).toBe(ticket.tax)
      expect(open.items).toHaveLength(ticket.items.length)
      expect(open.expires_at).toBeTruthy()

      // Approved, not completed yet: a live read shows CONFIRM.
      const approvedCart = await bookCart(sdk)
      const approved = await startSession(sdk, approvedCart, { phone_number: "7875550303" })
      sandbox().approve({ ecommerceId: approved.ecommerceId })
      await api.get(`/store/athmovil/payment-sessions/${approved.session.id}?cart_id=${approvedCart.id}`, {
        headers: { "x-publishable-api-key": store.publishableKey },
      })
      expect((await ledgerOf(approved.ecommerceId)).status).toBe("CONFIRM")

      // Rejected in the app: the recovery job closes it as CANCEL.
      const rejectedCart = await bookCart(sdk)
      const rejected = await startSession(sdk, rejectedCart, { phone_number: "7875550404" })
      sandbox().reject({ ecommerceId: rejected.ecommerceId })
      expect(await reconcileAthSession(getContainer(), rejected.session.id)).toBe("marked_canceled")
      expect((await ledgerOf(rejected.ecommerceId)).status).toBe("CANCEL")

      // Expired at ATH (both clocks past the deadline): EXPIRED, not CANCEL — and the rejected one stays CANCEL.
      await withServerClockAhead(601, async () => {
        await sandbox().advanceTime(601)
        expect(await reconcileAthSession(getContainer(), abandoned.session.id)).toBe("marked_canceled")
        expect(await reconcileAthSession(getContainer(), rejected.session.id)).toBe("already_done")
      })
      expect((await ledgerOf(abandoned.ecommerceId)).status).toBe("EXPIRED")
      expect((await ledgerOf(rejected.ecommerceId)).status).toBe("CANCEL")

      const rows = await athmovil().listAthTransactions({ ecommerce_id: [abandoned.ecommerceId, approved.ecommerceId, rejected.ecommerceId] })
      expect(rows).toHaveLength(3)
      await assertPaymentInvariants(getContainer(), sandbox())
    })

    it("with webhooks: the same states, one ledger row per ticket", async () => {
      await api.post("/admin/athmovil/webhooks/subscribe", {}, store.adminHeaders)
      const sdk = storefront(store)
      const settled = (ecommerceId: string, status: string) =>
        waitFor(`ledger ${status}`, () => ledgerOf(ecommerceId), (row) => row?.status === status, 20_000)

      const paidCart = await bookCart(sdk)
      const paid = await startSession(sdk, paidCart, { phone_number: SHOPPER_PHONE })
      sandbox().approve({ ecommerceId: paid.ecommerceId })
      expect((await sdk.store.cart.complete(paidCart.id)).type).toBe("order")

      const rejectedCart = await bookCart(sdk)
      const rejected = await startSession(sdk, rejectedCart, { phone_number: "7875550505" })
      sandbox().reject({ ecommerceId: rejected.ecommerceId })
      await sandbox().flushWebhooks()
      await settled(rejected.ecommerceId, "CANCEL")

      const expiringCart = await bookCart(sdk)
      const expiring = await startSession(sdk, expiringCart, { phone_number: "7875550606" })
      await withServerClockAhead(601, async () => {
        await sandbox().advanceTime(601)
        await sandbox().flushWebhooks()
        await settled(expiring.ecommerceId, "EXPIRED")
      })
      await settled(paid.ecommerceId, "COMPLETED")
      expect((await ledgerOf(rejected.ecommerceId)).status).toBe("CANCEL")

      for (const { ecommerceId, session } of [paid, rejected, expiring]) {
        const rows = await athmovil().listAthTransactions({ payment_session_id: session.id })
        expect(rows.map((r) => r.ecommerce_id)).toEqual([ecommerceId])
      }
      const ledgerPaid = await ledgerOf(paid.ecommerceId)
      expect(money(ledgerPaid.tax)).toBe(sandbox().getTicket(paid.ecommerceId)!.tax)
      await assertPaymentInvariants(getContainer(), sandbox())
    })
  },
})
