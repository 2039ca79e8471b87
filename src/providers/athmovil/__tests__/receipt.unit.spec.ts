import fc from "fast-check"
import { decorateCartTotals, MathBN } from "@medusajs/framework/utils"
import { validateCreatePayment } from "../../../lib/athmovil/validation"
import { buildAthReceipt, clip, RECEIPT_MAX_ITEMS, singleLineReceipt, spread, type ReceiptCart } from "../receipt"

/**
 * Carts are decorated by Medusa's own `decorateCartTotals` (the function the cart module uses),
 * so the receipt is checked against Medusa's totals, not against numbers written here.
 */
interface RawLine {
  title: string
  variant?: string
  price: string
  quantity: number
  taxRate?: number
  discountPct?: number
}

function cart(lines: RawLine[], opts: { shipping?: string; taxRate?: number; credit?: string; shippingDiscount?: string } = {}) {
  const rate = opts.taxRate ?? 11.5
  const decorated = decorateCartTotals({
    currency_code: "usd",
    items: lines.map((l, i) => ({
      id: `cali_${String(i).padStart(26, "0")}`,
      title: l.variant ?? "One",
      product_title: l.title,
      variant_title: l.variant ?? "One",
      variant_sku: `SKU-${i}`,
      unit_price: l.price,
      quantity: l.quantity,
      is_tax_inclusive: false,
      tax_lines: [{ rate: l.taxRate ?? rate }],
      adjustments: l.discountPct
        ? [{ amount: MathBN.div(MathBN.mult(MathBN.mult(l.price, l.quantity), l.discountPct), 100).toString() }]
        : [],
    })) as never,
    shipping_methods: opts.shipping
      ? ([
          {
            id: "casm_01",
            name: "Standard",
            amount: opts.shipping,
            is_tax_inclusive: false,
            tax_lines: [{ rate }],
            adjustments: opts.shippingDiscount ? [{ amount: opts.shippingDiscount }] : [],
          },
        ] as never)
      : [],
    credit_lines: opts.credit ? [{ amount: opts.credit }] : [],
  })
  return decorated as unknown as ReceiptCart & { total: unknown; tax_total: unknown }
}

const cents = (v: string) => BigInt(MathBN.mult(v, 100).toFixed(0))
const toAth = (v: unknown) => MathBN.convert(v as never).toFixed(2, 4)

function expectAddsUp(receipt: ReturnType<typeof buildAthReceipt>, total: string) {
  const net = receipt.items.reduce((s, i) => s + cents(i.price) * BigInt(i.quantity), 0n)
  const tax = receipt.items.reduce((s, i) => s + cents(i.tax), 0n)
  expect({ net, tax }).toEqual({ net: cents(receipt.subtotal), tax: cents(receipt.tax) })
  expect(cents(receipt.subtotal) + cents(receipt.tax)).toBe(cents(total))
  expect(receipt.total).toBe(total)
  for (const i of receipt.items) {
    expect(cents(i.price) >= 0n && cents(i.tax) >= 0n).toBe(true)
    expect(Number.isSafeInteger(i.quantity) && i.quantity > 0).toBe(true)
    expect(i.name.length).toBeLessThanOrEqual(50)
    expect(i.description.length).toBeLessThanOrEqual(100)
    expect((i.metadata ?? "").length).toBeLessThanOrEqual(40)
  }
  // The plugin's client (which mirrors ATH's rules) accepts it as is.
  if (MathBN.gt(total, 1500)) return
  expect(() =>
    validateCreatePayment({ total, subtotal: receipt.subtotal, tax: receipt.tax, items: receipt.items, phoneNumber: "7875551234" })
  ).not.toThrow()
}

describe("ATH receipt from a Medusa cart", () => {
  it("lists each line, shipping, IVU 11.5 % and a 10 % promotion, adding up to Medusa's total", () => {
    const c = cart(
      [
        { title: "Camiseta Coquí", variant: "M", price: "9.99", quantity: 3, discountPct: 10 },
        { title: "Café de Puerto Rico", variant: "Molido 1 lb", price: "20", quantity: 1, discountPct: 10 },
        { title: "Sticker", variant: "Bandera", price: "0.50", quantity: 1, discountPct: 10 },
      ],
      { shipping: "5" }
    )
    const total = toAth(c.total)
    const receipt = buildAthReceipt(c, c.total as never)
    expectAddsUp(receipt, total)
    expect(receipt.tax).toBe(toAth(c.tax_total))
    // 3 × 9.99 = 29.97, less 10 % = 26.973 → 26.97 = 3 × 8.99.
    expect(receipt.items.map((i) => [i.name, i.quantity, i.price])).toEqual([
      ["Camiseta Coquí", 3, "8.99"],
      ["Café de Puerto Rico", 1, "18.00"],
      ["Sticker", 1, "0.45"],
      ["Shipping", 1, "5.00"],
    ])
    expect(receipt.items[0]).toMatchObject({ description: "M (discount -3.00)", sku: "SKU-0", metadata: "cali_00000000000000000000000000" })
    expect(receipt.items[3]).toMatchObject({ description: "Standard" })
    // IVU on each line as Medusa computed it (26.973 × 11.5 % = 3.1019 → 3.10, shipping 0.575 → 0.58).
    // Σ 5.798645 → 5.80: the cent lost by rounding each line down goes to the largest fraction.
    expect(receipt.items.map((i) => i.tax)).toEqual(["3.10", "2.07", "0.05", "0.58"])
    expect(MathBN.sum(...receipt.items.map((i) => i.tax)).toFixed(2)).toBe(receipt.tax)
  })

  it("absorbs the cent lost to rounding total and tax separately: no Adjustment line for rounding", () => {
    // Medusa's order: total 59.98477 → 59.98, tax 6.18677 → 6.19, lines 53.798 → the subtotal is 53.79.
    const c = cart(
      [
        { title: "Camiseta Coquí", variant: "M", price: "9.99", quantity: 3, discountPct: 10 },
        { title: "Café Yauco Selecto", variant: "Molido 1 lb", price: "20", quantity: 1, discountPct: 10 },
        { title: "Sticker Bandera", variant: "Grande", price: "4.25", quantity: 1, discountPct: 10 },
      ],
      { shipping: "5" }
    )
    const receipt = buildAthReceipt(c, c.total as never)
    expectAddsUp(receipt, "59.98")
    expect({ subtotal: receipt.subtotal, tax: receipt.tax }).toEqual({ subtotal: "53.79", tax: "6.19" })
    expect(receipt.items.map((i) => i.name)).toEqual(["Camiseta Coquí", "Café Yauco Selecto", "Sticker Bandera", "Shipping"])
  })

  it("splits a line whose discounted amount is not a whole number of cents per unit, keeping the quantity", () => {
    const c = cart([{ title: "Pilón", variant: "Grande", price: "10.00", quantity: 3, discountPct: 10 / 3 }], { taxRate: 0 })
    const receipt = buildAthReceipt(c, c.total as never)
    expectAddsUp(receipt, toAth(c.total))
    // 30.00 − 1.00 = 29.00 for 3 units: 2 × 9.66 + 1 × 9.68.
    expect(receipt.items.map((i) => [i.quantity, i.price])).toEqual([
      [2, "9.66"],
      [1, "9.68"],
    ])
    expect(receipt.items.reduce((s, i) => s + i.quantity, 0)).toBe(3)
  })

  it("shows store credit as one explicit line and folds it into the prices (ATH takes no negative price)", () => {
    const c = cart([{ title: "Hamaca", price: "100", quantity: 1 }, { title: "Café", price: "20", quantity: 2 }], { shipping: "5", credit: "25" })
    const total = toAth(c.total)
    const receipt = buildAthReceipt(c, c.total as never)
    expectAddsUp(receipt, total)
    expect(receipt.tax).toBe(toAth(c.tax_total))
    const credit = receipt.items.at(-1)!
    expect(credit).toMatchObject({ name: "Store credit", price: "0.00", quantity: 1, description: "-25.00 USD, already taken off the prices above" })
  })

  it("adds an Adjustment line when the amount charged is more than the cart explains", () => {
    const c = cart([{ title: "Café", price: "20", quantity: 1 }], { taxRate: 0 })
    const receipt = buildAthReceipt(c, "21.50")
    expectAddsUp(receipt, "21.50")
    expect(receipt.items.at(-1)).toMatchObject({ name: "Adjustment", price: "1.50", quantity: 1 })
  })

  it("sums up the tail of a 200-line cart in one item and still adds up", () => {
    const lines = Array.from({ length: 200 }, (_, i) => ({ title: `Producto ${i}`, price: "1.37", quantity: (i % 4) + 1 }))
    const c = cart(lines, { shipping: "7.25" })
    const receipt = buildAthReceipt(c, c.total as never)
    expect(receipt.items).toHaveLength(RECEIPT_MAX_ITEMS)
    expect(receipt.items.at(-1)!.name).toMatch(/^\+ \d+ more items$/)
    expectAddsUp(receipt, toAth(c.total))
  })

  it("truncates long names at a word, readably", () => {
    const long = "Hamaca artesanal tejida a mano en Cayey con algodón orgánico y flecos de colores"
    const c = cart([{ title: long, variant: "Edición especial ".repeat(10), price: "50", quantity: 1 }])
    const receipt = buildAthReceipt(c, c.total as never)
    expect(receipt.items[0].name).toBe("Hamaca artesanal tejida a mano en Cayey con…")
    expect(receipt.items[0].description.endsWith("…")).toBe(true)
    expect(clip("short", 50)).toBe("short")
    expectAddsUp(receipt, toAth(c.total))
  })

  it("has a one-line receipt for payments that are not a cart's", () => {
    expect(singleLineReceipt("12.345", "Balance", "Order #12")).toEqual({
      items: [{ name: "Balance", description: "Order #12", quantity: 1, price: "12.35", tax: "0.00", metadata: null }],
      subtotal: "12.35",
      tax: "0.00",
      total: "12.35",
    })
  })

  it("spreads rounding so the cents add up exactly", () => {
    const thirds = [MathBN.convert("33.3333"), MathBN.convert("33.3333"), MathBN.convert("33.3334")]
    expect(spread(thirds, 100n)).toEqual([33n, 33n, 34n])
    expect(spread(thirds, 99n)).toEqual([33n, 33n, 33n])
    expect(spread([], 0n)).toEqual([])
  })

  it("adds up for any cart (property)", () => {
    const line = fc.record({
      title: fc.string({ minLength: 1, maxLength: 80 }),
      price: fc.integer({ min: 0, max: 40_000 }).map((c) => (c / 100).toFixed(2)),
      quantity: fc.integer({ min: 1, max: 7 }),
      discountPct: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
      taxRate: fc.constantFrom(0, 7, 10.5, 11.5),
    })
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 70 }),
        fc.option(fc.integer({ min: 0, max: 2_000 }).map((c) => (c / 100).toFixed(2)), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 3_000 }).map((c) => (c / 100).toFixed(2)), { nil: undefined }),
        (lines, shipping, credit) => {
          const c = cart(lines, { shipping, credit })
          if (MathBN.lt(c.total as never, 1)) return
          const total = toAth(c.total)
          const receipt = buildAthReceipt(c, c.total as never)
          expectAddsUp(receipt, total)
          expect(receipt.items.length).toBeLessThanOrEqual(RECEIPT_MAX_ITEMS)
          if (!MathBN.gt(c.tax_total as never, c.total as never)) expect(receipt.tax).toBe(toAth(c.tax_total))
        }
      ),
      { numRuns: 120 }
    )
  })
})
