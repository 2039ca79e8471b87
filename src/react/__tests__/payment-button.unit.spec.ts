import { createElement } from "react"
import { renderToStaticMarkup } from "react-dom/server"
import { AthMovilPaymentButton, ATHMOVIL_BUTTON_STRINGS, athMovilPaymentInfo } from ".."
import { fakeStore } from "../../storefront/__tests__/fake-store"

const cart = { id: "cart_1", payment_collection: null }
const render = (props: Record<string, unknown> = {}) =>
  renderToStaticMarkup(createElement(AthMovilPaymentButton, { sdk: fakeStore().sdk, cart, eligibility: false, ...props } as never))

describe("<AthMovilPaymentButton> markup (server-rendered, as Next.js sends it first)", () => {
  it("idle: a labelled tel field with its hint, and the pay button, in English", () => {
    const html = render({ className: "ath", defaultPhone: "787-555-1234" })
    expect(html).toMatch(/^<div class="ath" data-athmovil="payment" data-athmovil-state="idle"/)
    const id = /<input id="([^"]+)"/.exec(html)![1]
    expect(html).toContain(`<label for="${id}" data-athmovil="label">ATH Móvil phone number</label>`)
    expect(html).toMatch(/type="tel"[^>]*inputMode="tel"[^>]*autoComplete="tel-national"[^>]*required=""[^>]*value="787-555-1234"/)
    expect(html).toContain(`aria-describedby="${id.replace(/-phone$/, "")}-hint"`)
    expect(html).toContain('<button type="submit" data-testid="athmovil-pay-button">Pay with ATH Móvil</button>')
    expect(html).not.toContain('role="alert"')
  })

  it("in Spanish, with any text overridable", () => {
    const html = render({ locale: "es", strings: { pay: "Pagar ahora" } })
    expect(html).toContain(ATHMOVIL_BUTTON_STRINGS.es.phoneLabel)
    expect(html).toContain(ATHMOVIL_BUTTON_STRINGS.es.phoneHint)
    expect(html).toContain(">Pagar ahora</button>")
    expect(html).not.toContain("Pay with")
  })

  it("an ineligible cart disables the field and the button and lists the reasons", () => {
    const html = render({
      locale: "es",
      eligibility: { eligible: false, reasons: [{ code: "currency_not_usd", message: "ATH Móvil solo acepta pagos en dólares; este carrito está en EUR." }] },
    })
    expect(html).toMatch(/<input[^>]*disabled=""/)
    expect(html).toMatch(/<button type="submit" disabled="" aria-disabled="true"/)
    expect(html).toContain(ATHMOVIL_BUTTON_STRINGS.es.unavailable)
    expect(html).toContain('<li data-reason="currency_not_usd">ATH Móvil solo acepta pagos en dólares; este carrito está en EUR.</li>')
    expect(html).toMatch(/aria-describedby="[^"]*-ineligible"/)
  })

  it("an eligible answer changes nothing", () => {
    expect(render({ eligibility: { eligible: true, reasons: [] } })).toBe(render())
  })

  it("a render function gets the state, the actions and the texts instead of the default markup", () => {
    const seen: Array<Record<string, unknown>> = []
    const html = renderToStaticMarkup(
      createElement(
        AthMovilPaymentButton,
        { sdk: fakeStore().sdk, cart, eligibility: false, locale: "es" } as never,
        ((p: Record<string, unknown>) => {
          seen.push(p)
          return createElement("span", null, "custom")
        }) as never
      )
    )
    expect(html).toBe('<div data-athmovil="payment" data-athmovil-state="idle" data-testid="athmovil-payment"><span>custom</span></div>')
    expect(seen[0]).toMatchObject({ status: "idle", locale: "es", strings: ATHMOVIL_BUTTON_STRINGS.es, eligibility: null })
    for (const action of ["start", "cancel", "changePhone", "reset"]) expect(typeof seen[0][action]).toBe("function")
  })
})

describe("athMovilPaymentInfo", () => {
  it("is a title and an icon element, as a starter's paymentInfoMap expects", () => {
    expect(athMovilPaymentInfo.title).toBe("ATH Móvil")
    const svg = renderToStaticMarkup(athMovilPaymentInfo.icon)
    expect(svg).toMatch(/^<svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">/)
    expect(svg).toContain(">ATH</text>")
  })
})

describe("strings", () => {
  it("English and Spanish have the same keys and placeholders, none empty", () => {
    const { en, es } = ATHMOVIL_BUTTON_STRINGS
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort())
    const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(en[key].trim()).not.toBe("")
      expect(es[key].trim()).not.toBe("")
      expect([key, vars(es[key])]).toEqual([key, vars(en[key])])
    }
  })
})
