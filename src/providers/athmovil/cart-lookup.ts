import { decorateCartTotals } from "@medusajs/framework/utils"
import type { ReceiptCart } from "./receipt"

/**
 * The cart behind a payment session, read from Medusa's own rows (never from the session's
 * storefront-written `data`), with its totals computed by `decorateCartTotals` — the function the
 * cart module itself uses, fed the same relations (items with adjustments and tax lines, shipping
 * methods with theirs, credit lines).
 *
 * Why SQL: Medusa does not pass the cart to `initiatePayment`, and the provider's container is the
 * Payment module's (no `query`, no cart module). It does hold the shared pg connection, and the
 * payment module has already committed the session row (`createPaymentSession_` runs in its own
 * transaction) before it calls the provider with `data.session_id`. So session →
 * payment_collection → cart_payment_collection link → cart works the same for every way a
 * session is created: the store route, the admin route, `createPaymentSessionsWorkflow` in a
 * store's own workflow, or `paymentModule.createPaymentSession` called directly.
 */

type Knex = { raw(sql: string, bindings: unknown[]): PromiseLike<unknown> }

export interface SessionCartPhones {
  shipping: string | null
  billing: string | null
  customer: string | null
  /** The cart's customer: a saved ATH phone counts only for a session that customer creates. */
  customer_id?: string | null
}

export interface SessionCart {
  paymentCollectionId: string
  /** null when the collection is not a cart's (e.g. an order balance created from the admin). */
  cart: (ReceiptCart & { id: string; currency_code: string; total: unknown }) | null
  phones: SessionCartPhones
  /** The order whose balance the collection pays, when it is an order's. */
  orderDisplayId: number | null
}

async function rows<T>(knex: Knex, sql: string, bindings: unknown[]): Promise<T[]> {
  const result = (await knex.raw(sql, bindings)) as { rows: T[] }
  return result.rows
}

export async function lookupSessionCart(knex: Knex, sessionId: string): Promise<SessionCart | null> {
  const [session] = await rows<{ payment_collection_id: string; cart_id: string | null; order_display_id: number | null }>(
    knex,
    `SELECT ps.payment_collection_id, cpc.cart_id, o.display_id AS order_display_id
       FROM payment_session ps
       LEFT JOIN cart_payment_collection cpc ON cpc.payment_collection_id = ps.payment_collection_id AND cpc.deleted_at IS NULL
       LEFT JOIN order_payment_collection opc ON opc.payment_collection_id = ps.payment_collection_id AND opc.deleted_at IS NULL
       LEFT JOIN "order" o ON o.id = opc.order_id
      WHERE ps.id = ? AND ps.deleted_at IS NULL
      LIMIT 1`,
    [sessionId]
  )
  if (!session) return null
  const none: SessionCartPhones = { shipping: null, billing: null, customer: null }
  const base = { paymentCollectionId: session.payment_collection_id, orderDisplayId: session.order_display_id ?? null }
  if (!session.cart_id) return { ...base, cart: null, phones: none }

  const [cart] = await rows<{
    id: string
    currency_code: string
    shipping_phone: string | null
    billing_phone: string | null
    customer_phone: string | null
    customer_id: string | null
  }>(
    knex,
    `SELECT c.id, c.currency_code, sa.phone AS shipping_phone, ba.phone AS billing_phone, cu.phone AS customer_phone, c.customer_id
       FROM cart c
       LEFT JOIN cart_address sa ON sa.id = c.shipping_address_id AND sa.deleted_at IS NULL
       LEFT JOIN cart_address ba ON ba.id = c.billing_address_id AND ba.deleted_at IS NULL
       LEFT JOIN customer cu ON cu.id = c.customer_id AND cu.deleted_at IS NULL
      WHERE c.id = ? AND c.deleted_at IS NULL`,
    [session.cart_id]
  )
  if (!cart) return { ...base, cart: null, phones: none }

  const cartId = cart.id
  const [items, itemAdjustments, itemTaxLines, methods, methodAdjustments, methodTaxLines, credits] = await Promise.all([
    rows<Record<string, unknown>>(
      knex,
      `SELECT id, title, product_title, variant_title, variant_sku, quantity, is_tax_inclusive,
              raw_unit_price->>'value' AS unit_price
         FROM cart_line_item WHERE cart_id = ? AND deleted_at IS NULL
        ORDER BY created_at, id`,
      [cartId]
    ),
    rows<{ item_id: string; amount: string; is_tax_inclusive: boolean }>(
      knex,
      `SELECT a.item_id, a.raw_amount->>'value' AS amount, a.is_tax_inclusive
         FROM cart_line_item_adjustment a JOIN cart_line_item i ON i.id = a.item_id
        WHERE i.cart_id = ? AND i.deleted_at IS NULL AND a.deleted_at IS NULL`,
      [cartId]
    ),
    rows<{ item_id: string; rate: number }>(
      knex,
      `SELECT t.item_id, t.rate
         FROM cart_line_item_tax_line t JOIN cart_line_item i ON i.id = t.item_id
        WHERE i.cart_id = ? AND i.deleted_at IS NULL AND t.deleted_at IS NULL`,
      [cartId]
    ),
    rows<Record<string, unknown>>(
      knex,
      `SELECT id, name, is_tax_inclusive, raw_amount->>'value' AS amount
         FROM cart_shipping_method WHERE cart_id = ? AND deleted_at IS NULL
        ORDER BY created_at, id`,
      [cartId]
    ),
    rows<{ shipping_method_id: string; amount: string }>(
      knex,
      `SELECT a.shipping_method_id, a.raw_amount->>'value' AS amount
         FROM cart_shipping_method_adjustment a JOIN cart_shipping_method m ON m.id = a.shipping_method_id
        WHERE m.cart_id = ? AND m.deleted_at IS NULL AND a.deleted_at IS NULL`,
      [cartId]
    ),
    rows<{ shipping_method_id: string; rate: number }>(
      knex,
      `SELECT t.shipping_method_id, t.rate
         FROM cart_shipping_method_tax_line t JOIN cart_shipping_method m ON m.id = t.shipping_method_id
        WHERE m.cart_id = ? AND m.deleted_at IS NULL AND t.deleted_at IS NULL`,
      [cartId]
    ),
    rows<{ amount: string }>(
      knex,
      `SELECT raw_amount->>'value' AS amount FROM credit_line WHERE cart_id = ? AND deleted_at IS NULL`,
      [cartId]
    ),
  ])

  const byKey = <T>(list: T[], key: keyof T) => {
    const map = new Map<unknown, T[]>()
    for (const row of list) map.set(row[key], [...(map.get(row[key]) ?? []), row])
    return map
  }
  const adjustmentsOf = byKey(itemAdjustments, "item_id")
  const taxLinesOf = byKey(itemTaxLines, "item_id")
  const methodAdjustmentsOf = byKey(methodAdjustments, "shipping_method_id")
  const methodTaxLinesOf = byKey(methodTaxLines, "shipping_method_id")

  const decorated = decorateCartTotals({
    currency_code: cart.currency_code,
    items: items.map((i) => ({
      ...i,
      adjustments: (adjustmentsOf.get(i.id) ?? []).map((a) => ({ amount: a.amount, is_tax_inclusive: a.is_tax_inclusive })),
      tax_lines: (taxLinesOf.get(i.id) ?? []).map((t) => ({ rate: t.rate })),
    })) as never,
    shipping_methods: methods.map((m) => ({
      ...m,
      adjustments: (methodAdjustmentsOf.get(m.id) ?? []).map((a) => ({ amount: a.amount })),
      tax_lines: (methodTaxLinesOf.get(m.id) ?? []).map((t) => ({ rate: t.rate })),
    })) as never,
    credit_lines: credits.map((c) => ({ amount: c.amount })),
  }) as unknown as ReceiptCart & { total: unknown; currency_code: string }

  return {
    ...base,
    cart: { ...decorated, id: cart.id, currency_code: cart.currency_code },
    phones: { shipping: cart.shipping_phone, billing: cart.billing_phone, customer: cart.customer_phone, customer_id: cart.customer_id },
  }
}

export type PhoneSource = "data.phone_number" | "saved" | "shipping_address" | "billing_address" | "customer"

/**
 * The phone the ATH push goes to: the one the shopper typed (`data.phone_number`), else the
 * phone ATH reported for this customer's last completed payment (`saved`, only when the
 * customer creating the session is the cart's own), else the cart's shipping address phone,
 * then its billing address phone, then the customer's. Addresses hold phones in any format: the
 * first one that is a 10-digit number wins; null if none is.
 *
 * Why the saved phone ranks above the addresses: ATH proved it reaches this very shopper's ATH
 * Móvil app, while a shipping address phone is the recipient's (a gift, an office, a landline)
 * and a billing phone is typed for a card, not for ATH. The storefront prefills it, masked, from
 * `GET /store/athmovil/phone` (this same function), and "use another number" sends data.phone_number.
 */
export function shopperPhone(
  sent: string | undefined,
  phones: SessionCartPhones,
  contextCustomerPhone: unknown,
  normalise: (raw: string) => string | null,
  saved?: { customerId: string; phone: string } | null
): { phone: string; source: PhoneSource } | null {
  if (sent) return { phone: sent, source: "data.phone_number" }
  const ownSaved = saved && phones.customer_id && saved.customerId === phones.customer_id ? saved.phone : null
  const candidates: Array<[unknown, PhoneSource]> = [
    [ownSaved, "saved"],
    [phones.shipping, "shipping_address"],
    [phones.billing, "billing_address"],
    [phones.customer, "customer"],
    [contextCustomerPhone, "customer"],
  ]
  for (const [raw, source] of candidates) {
    if (typeof raw !== "string" || !raw.trim()) continue
    const phone = normalise(raw)
    if (phone) return { phone, source }
  }
  return null
}
