/**
 * The returning shopper's phone in the React entry and the kit: the store's offered phone is
 * prefilled masked and read-only with "Use another number"; paying with it sends no phone number
 * (the store uses the phone it showed), and the kit reads `GET /store/athmovil/phone`.
 */
import { createElement } from "react"
import { renderToStaticMarkup } from "react-dom/server"
import { AthMovilPaymentButton, ATHMOVIL_BUTTON_STRINGS, createAthMovilPaymentController } from ".."
import { AthMovilPaymentError, getAthMovilSavedPhone, type AthMovilSdk } from "../../storefront"
import { fakeStore } from "../../storefront/__tests__/fake-store"

const CART = { id: "cart_1", payment_collection: { id: "paycol_1" } }
const OFFERED = { phoneMasked: "(•••) •••-0101", source: "saved" as const }

/** The fake store, plus the phone route and the server's rule: no phone sent → the offered phone. */
function storeWithSavedPhone(answer: { phone_masked: string | null; source: string | null } | Error) {
  const store = fakeStore({ timeoutSeconds: 300 })
  const sent: Array<Record<string, unknown> | undefined> = []
  const fetch = store.sdk.client.fetch.bind(store.sdk.client)
  const initiate = store.sdk.store.payment.initiatePaymentSession.bind(store.sdk.store.payment)
  const sdk: AthMovilSdk = {
    client: {
      async fetch<T>(input: string, init?: Parameters<AthMovilSdk["client"]["fetch"]>[1]) {
        if (input === "/store/athmovil/phone") {
          store.calls.push({ method: "GET", path: input, body: init?.query, at: Date.now() })
          if (answer instanceof Error) throw answer
          return answer as T
        }
        return fetch<T>(input, init)
      },
    },
    store: {
      ...store.sdk.store,
      payment: {
        async initiatePaymentSession(cart, body) {
          sent.push(body.data)
          const phone = (body.data as { phone_number?: string } | undefined)?.phone_number ?? "7875550101"
          return initiate(cart, { ...body, data: { ...body.data, phone_number: phone } })
        },
      },
    },
  }
  return { store, sdk, sent }
}

describe("getAthMovilSavedPhone", () => {
  it("reads the masked phone and its source for the cart", async () => {
    const { sdk, store } = storeWithSavedPhone({ phone_masked: "(•••) •••-0101", source: "saved" })
    await expect(getAthMovilSavedPhone(sdk, "cart_1")).resolves.toEqual(OFFERED)
    expect(store.calls[0]).toEqual({ method: "GET", path: "/store/athmovil/phone", body: { cart_id: "cart_1" }, at: expect.any(Number) })
  })

  it("no phone to offer is null, and a failed request an AthMovilPaymentError with the status", async () => {
    await expect(getAthMovilSavedPhone(storeWithSavedPhone({ phone_masked: null, source: null }).sdk, "cart_1")).resolves.toEqual({
      phoneMasked: null,
      source: null,
    })
    const failed = await getAthMovilSavedPhone(storeWithSavedPhone(Object.assign(new Error("Cart with id 'x' not found"), { status: 404 })).sdk, "x").catch(
      (e) => e
    )
    expect(failed).toBeInstanceOf(AthMovilPaymentError)
    expect(failed).toMatchObject({ code: "request_failed", status: 404 })
  })
})

describe("paying with the offered phone", () => {
  beforeEach(() => jest.useFakeTimers())
  afterEach(() => jest.useRealTimers())

  it("start() without a number sends no phone_number; the store's phone (last 4) is shown while waiting", async () => {
    const { sdk, sent, store } = storeWithSavedPhone({ phone_masked: "(•••) •••-0101", source: "saved" })
    const controller = createAthMovilPaymentController({ sdk, cart: CART })
    const detach = controller.attach()
    await controller.start()
    expect(sent).toEqual([{ cart_id: "cart_1" }])
    expect(controller.getState()).toMatchObject({ status: "waiting", phoneLast4: "0101", error: null })
    store.approve()
    await jest.advanceTimersByTimeAsync(1_000)
    await jest.advanceTimersByTimeAsync(0)
    expect(controller.getState().status).toBe("done")
    detach()
  })

  it("a typed number still goes through the local check and is sent as typed", async () => {
    const { sdk, sent } = storeWithSavedPhone({ phone_masked: "(•••) •••-0101", source: "saved" })
    const controller = createAthMovilPaymentController({ sdk, cart: CART })
    await controller.start("787-555")
    expect(controller.getState()).toMatchObject({ status: "idle", errorCode: "invalid_phone" })
    expect(sent).toEqual([])
    await controller.start("939 555 0404")
    expect(sent).toEqual([{ phone_number: "9395550404", cart_id: "cart_1" }])
    expect(controller.getState().phoneLast4).toBe("0404")
  })
})

describe("<AthMovilPaymentButton> with an offered phone (server-rendered)", () => {
  const render = (props: Record<string, unknown>) =>
    renderToStaticMarkup(createElement(AthMovilPaymentButton, { sdk: fakeStore().sdk, cart: CART, eligibility: false, ...props } as never))

  it("prefills it masked and read-only, with 'Use another number', in English and Spanish", () => {
    const html = render({ savedPhone: OFFERED, defaultPhone: "787-555-9999" })
    const input = /<input[^>]*data-testid="athmovil-phone-input"[^>]*>/.exec(html)![0]
    expect(input).toContain('type="tel"')
    expect(input).toContain('value="(•••) •••-0101"')
    expect(input).toContain('readonly=""')
    expect(input).toContain('data-athmovil-saved="saved"')
    expect(html).not.toContain("9999")
    expect(html).toContain('<button type="button" data-testid="athmovil-use-another-number">Use another number</button>')
    expect(html).toContain('data-testid="athmovil-pay-button">Pay with ATH Móvil</button>')
    const es = render({ savedPhone: OFFERED, locale: "es" })
    expect(es).toContain(`>${ATHMOVIL_BUTTON_STRINGS.es.useAnotherNumber}</button>`)
  })

  it("without a saved phone (none, an address phone, or savedPhone={false}) the field is the normal editable one", () => {
    // A cart address phone is not prefilled masked: the storefront knows it and passes it as defaultPhone.
    for (const savedPhone of [null, false, { phoneMasked: null, source: null }, { phoneMasked: "(•••) •••-0303", source: "shipping_address" }]) {
      const html = render({ savedPhone, defaultPhone: "787-555-1234" })
      expect(html).toMatch(/<input[^>]*value="787-555-1234"/)
      expect(html).not.toContain("readonly")
      expect(html).not.toContain("athmovil-use-another-number")
    }
  })

  it("a render function receives the offered phone", () => {
    const seen: Array<Record<string, unknown>> = []
    renderToStaticMarkup(
      createElement(AthMovilPaymentButton, { sdk: fakeStore().sdk, cart: CART, eligibility: false, savedPhone: OFFERED } as never, ((p: Record<string, unknown>) => {
        seen.push(p)
        return null
      }) as never)
    )
    expect(seen[0].savedPhone).toEqual(OFFERED)
  })
})
