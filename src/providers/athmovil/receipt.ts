import { MathBN } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"
import type { AthItemInput } from "../../lib/athmovil"

/**
 * The ATH Móvil receipt of a Medusa cart: the `items`, `subtotal` and `tax` sent with `/payment`,
 * built from the cart totals Medusa computed (`decorateCartTotals`), never from storefront input.
 *
 * Rules (each guarded by a unit test):
 * - One ATH item per cart line (product title, variant, quantity, unit price, line tax), shipping
 *   as its own item. ATH's item `price` is the unit price before tax and `tax` the line's tax, as
 *   in django-athm's `initiate` example (24.00 + 1.00 tax = 25.00 total).
 * - Discounts are folded into the line prices (the line's description says by how much). ATH
 *   documents no negative amount anywhere (totals ≥ 1.00, amounts ≥ 0.01, BTRA_0028), and the
 *   plugin's client and the sandbox refuse negative item prices, so a negative "discount" line
 *   could make ATH refuse the whole payment. Medusa already allocates every promotion per line
 *   (the line's `discount_subtotal`), so folding shows exactly Medusa's own allocation.
 * - `tax` = the cart's `tax_total`, `subtotal` = total − tax, and Σ price × quantity = subtotal,
 *   Σ item tax = tax, to the cent. Rounding is to the cent, half up, distributed so the sums hold.
 * - Whatever the lines cannot explain (store credit / gift cards, or a session amount that is not
 *   the cart total) is one explicit line: an "Adjustment" item for an amount to add; for an amount
 *   to take off (which cannot be a negative price), a 0.00 "Store credit" / "Adjustment" item that
 *   names the amount, with the amount folded into the line prices like a discount.
 * - ATH limits: metadata ≤ 40 characters (BTRA_0038). ATH documents none for names, descriptions
 *   or the number of items; the plugin keeps them readable on the phone (name ≤ 50, description
 *   ≤ 100 characters, cut at a word with "…") and sends at most 50 items: past that the last item
 *   sums up the remaining lines ("+ 151 more items"), so a 200-line cart still pays.
 */

const RECEIPT_NAME_MAX = 50
const RECEIPT_DESCRIPTION_MAX = 100
const RECEIPT_METADATA_MAX = 40
export const RECEIPT_MAX_ITEMS = 50

/** A cart line as `decorateCartTotals` leaves it (amounts may be BigNumber objects). */
export interface ReceiptCartLine {
  id: string
  title?: string | null
  product_title?: string | null
  variant_title?: string | null
  variant_sku?: string | null
  quantity: BigNumberInput
  /** Before tax and discounts. */
  subtotal: BigNumberInput
  /** The line's share of promotions, before tax. */
  discount_subtotal?: BigNumberInput | null
  /** After discounts. */
  tax_total?: BigNumberInput | null
}

export interface ReceiptShippingLine {
  id: string
  name?: string | null
  subtotal: BigNumberInput
  discount_subtotal?: BigNumberInput | null
  tax_total?: BigNumberInput | null
}

export interface ReceiptCart {
  items: ReceiptCartLine[]
  shipping_methods: ReceiptShippingLine[]
  tax_total: BigNumberInput
  credit_line_total?: BigNumberInput | null
}

export interface AthReceiptItem extends AthItemInput {
  description: string
  price: string
  tax: string
  metadata: string | null
}

export interface AthReceipt {
  items: AthReceiptItem[]
  subtotal: string
  tax: string
  total: string
}

export interface ReceiptOptions {
  maxItems?: number
}

// bignumber.js rounding modes: 1 = ROUND_DOWN (towards zero), 4 = ROUND_HALF_UP.
const ROUND_DOWN = 1
const ROUND_HALF_UP = 4

type Decimal = ReturnType<typeof MathBN.convert>

interface Line {
  name: string
  description: string
  metadata: string | null
  sku: string | null
  quantity: number
  /** Exact amounts in cents (may have fractions). */
  netExact: Decimal
  taxExact: Decimal
}

/** Builds the receipt for charging `amount` (the session amount) for `cart`. */
export function buildAthReceipt(cart: ReceiptCart, amount: BigNumberInput, options: ReceiptOptions = {}): AthReceipt {
  const maxItems = Math.max(2, options.maxItems ?? RECEIPT_MAX_ITEMS)
  const total = roundCents(amount)
  if (total < 0n) throw new RangeError("the amount to charge must not be negative")

  const lines: Line[] = [
    ...cart.items.map((item) => cartLine(item)),
    ...cart.shipping_methods.map((method) => shippingLine(method)),
  ]

  // Tax as Medusa computed it, spread over the lines to the cent. Never more than the total.
  let tax = roundCents(cart.tax_total)
  if (tax < 0n) tax = 0n
  if (tax > total) tax = total
  const taxCents = spread(lines.map((l) => l.taxExact), tax)
  const subtotal = total - tax

  const exactNet = MathBN.sum(0, ...lines.map((l) => l.netExact))
  const extra: AthReceiptItem[] = []
  // Rounding the total and the tax each to the cent leaves the lines less than a cent off the
  // subtotal: that is rounding, spread over the lines, not an adjustment to show.
  if (lines.length && MathBN.lte(MathBN.abs(MathBN.sub(subtotal.toString(), exactNet)), 1)) {
    const rounded = spread(lines.map((l) => l.netExact), subtotal)
    const items = lines.flatMap((line, i) => splitByQuantity(line, rounded[i], taxCents[i]))
    return finish(items, subtotal, tax, total, maxItems)
  }
  let netCents = spread(lines.map((l) => l.netExact), roundWhole(exactNet))
  const explained = netCents.reduce((s, c) => s + c, 0n)
  const gap = subtotal - explained
  const hasCredit = MathBN.gt(cart.credit_line_total ?? 0, 0)
  if (gap > 0n) {
    extra.push(item("Adjustment", "Amount not itemised in the cart", 1, gap, 0n, null, null))
  } else if (gap < 0n) {
    // Taken off proportionally, like a promotion: ATH takes no negative price.
    netCents =
      explained === 0n ? netCents : spread(lines.map((l) => MathBN.div(MathBN.mult(l.netExact, subtotal.toString()), explained.toString())), subtotal)
    const off = formatCents(-gap)
    extra.push(
      item(
        hasCredit ? "Store credit" : "Adjustment",
        `-${off} USD, already taken off the prices above`,
        1,
        0n,
        0n,
        null,
        null
      )
    )
  }

  const items = lines.flatMap((line, i) => splitByQuantity(line, netCents[i], taxCents[i]))
  items.push(...extra)
  return finish(items, subtotal, tax, total, maxItems)
}

function finish(items: AthReceiptItem[], subtotal: bigint, tax: bigint, total: bigint, maxItems: number): AthReceipt {
  const kept = items.length > maxItems ? summariseTail(items, maxItems) : items
  return { items: kept, subtotal: formatCents(subtotal), tax: formatCents(tax), total: formatCents(total) }
}

/** For a payment collection without a cart (e.g. an order's outstanding balance): one line. */
export function singleLineReceipt(amount: BigNumberInput, name: string, description: string): AthReceipt {
  const total = roundCents(amount)
  return {
    items: [item(name, description, 1, total, 0n, null, null)],
    subtotal: formatCents(total),
    tax: "0.00",
    total: formatCents(total),
  }
}

function cartLine(line: ReceiptCartLine): Line {
  // A count of items, not money: a whole number for ATH's `quantity`.
  const quantity = MathBN.convert(line.quantity).integerValue().toNumber()
  const name = line.product_title?.trim() || line.title?.trim() || "Item"
  const variant = line.variant_title?.trim()
  const discount = MathBN.convert(line.discount_subtotal ?? 0)
  const base = variant && variant !== name && !/^default( variant| title)?$/i.test(variant) ? variant : line.title?.trim() || name
  const description = MathBN.gt(discount, 0) ? `${base} (discount -${formatCents(roundCents(discount))})` : base
  return {
    name,
    description,
    metadata: line.id.slice(0, RECEIPT_METADATA_MAX),
    sku: line.variant_sku?.trim() || null,
    quantity: Number.isSafeInteger(quantity) && quantity > 0 ? quantity : 1,
    netExact: cents(MathBN.sub(line.subtotal, discount)),
    taxExact: cents(line.tax_total ?? 0),
  }
}

function shippingLine(method: ReceiptShippingLine): Line {
  const discount = MathBN.convert(method.discount_subtotal ?? 0)
  const base = method.name?.trim() || "Shipping"
  return {
    name: "Shipping",
    description: MathBN.gt(discount, 0) ? `${base} (discount -${formatCents(roundCents(discount))})` : base,
    metadata: method.id.slice(0, RECEIPT_METADATA_MAX),
    sku: null,
    quantity: 1,
    netExact: cents(MathBN.sub(method.subtotal, discount)),
    taxExact: cents(method.tax_total ?? 0),
  }
}

/**
 * One line costing `net` cents for `quantity` units: one item at the unit price when it divides
 * evenly, else two items of the same line (quantity − 1 at the lower unit price, 1 at the rest),
 * so price × quantity adds up to the cent without inventing fractions of a cent.
 */
function splitByQuantity(line: Line, net: bigint, tax: bigint): AthReceiptItem[] {
  const q = BigInt(line.quantity)
  if (q === 1n || net % q === 0n) {
    return [item(line.name, line.description, line.quantity, net / q, tax, line.metadata, line.sku)]
  }
  const unit = net / q
  const last = net - unit * (q - 1n)
  const taxMany = (tax * (q - 1n)) / q
  return [
    item(line.name, line.description, line.quantity - 1, unit, taxMany, line.metadata, line.sku),
    item(line.name, line.description, 1, last, tax - taxMany, line.metadata, line.sku),
  ]
}

/** Keeps the first `max − 1` items and sums up the others in one, so the totals are unchanged. */
function summariseTail(items: AthReceiptItem[], max: number): AthReceiptItem[] {
  const kept = items.slice(0, max - 1)
  const rest = items.slice(max - 1)
  const restNet = rest.reduce((s, i) => s + toCents(i.price) * BigInt(i.quantity), 0n)
  const restTax = rest.reduce((s, i) => s + toCents(i.tax), 0n)
  const units = rest.reduce((s, i) => s + i.quantity, 0)
  const lineIds = new Set(rest.map((i) => i.metadata ?? `${i.name}|${i.description}`))
  kept.push(
    item(
      `+ ${lineIds.size} more items`,
      `${units} more units; every line is on the Medusa order`,
      1,
      restNet,
      restTax,
      null,
      null
    )
  )
  return kept
}

function item(
  name: string,
  description: string,
  quantity: number,
  priceCents: bigint,
  taxCents: bigint,
  metadata: string | null,
  sku: string | null
): AthReceiptItem {
  const clippedName = clip(name, RECEIPT_NAME_MAX)
  return {
    name: clippedName,
    description: clip(description || clippedName, RECEIPT_DESCRIPTION_MAX),
    quantity,
    price: formatCents(priceCents),
    tax: formatCents(taxCents),
    metadata,
    ...(sku ? { sku: sku.slice(0, 64) } : {}),
  }
}

/** Cuts readable text at a word boundary near `max`, marking the cut with "…". */
export function clip(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim()
  if (clean.length <= max) return clean
  const room = clean.slice(0, max - 1)
  const space = room.lastIndexOf(" ")
  const cut = space >= max - 15 ? room.slice(0, space) : room
  return `${cut.trimEnd()}…`
}

/**
 * Rounds exact cent amounts to whole cents whose sum is `target`: everything rounds down, then
 * the missing cents go to the largest fractions (or, if the target is lower, come off the
 * smallest), so no line moves by more than the rounding needs.
 */
export function spread(exact: Decimal[], target: bigint): bigint[] {
  if (!exact.length) return []
  const floors = exact.map((e) => {
    const whole = MathBN.convert(e).integerValue(ROUND_DOWN)
    return { cents: BigInt(whole.toFixed(0)), fraction: MathBN.sub(e, whole) }
  })
  const out = floors.map((f) => (f.cents < 0n ? 0n : f.cents))
  let diff = target - out.reduce((s, c) => s + c, 0n)
  const byFraction = out.map((_, i) => i).sort((a, b) => floors[b].fraction.comparedTo(floors[a].fraction) || a - b)
  while (diff > 0n) {
    for (const i of byFraction) {
      if (diff === 0n) break
      out[i] += 1n
      diff -= 1n
    }
  }
  while (diff < 0n) {
    let moved = false
    for (const i of [...byFraction].reverse()) {
      if (diff === 0n) break
      if (out[i] > 0n) {
        out[i] -= 1n
        diff += 1n
        moved = true
      }
    }
    if (!moved) throw new RangeError("cannot spread a negative amount over the receipt lines")
  }
  return out
}

function cents(amount: BigNumberInput): Decimal {
  return MathBN.mult(MathBN.convert(amount), 100)
}

function roundCents(amount: BigNumberInput): bigint {
  return BigInt(MathBN.mult(MathBN.convert(amount), 100).toFixed(0, ROUND_HALF_UP))
}

/** An exact amount already in cents, to whole cents. */
function roundWhole(centsExact: Decimal): bigint {
  return BigInt(MathBN.convert(centsExact).toFixed(0, ROUND_HALF_UP))
}

function toCents(amount: string): bigint {
  return roundCents(amount)
}

export function formatCents(value: bigint): string {
  const negative = value < 0n
  const abs = negative ? -value : value
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`
  return negative ? `-${text}` : text
}
