/**
 * Demo storefront: products → cart → shipping → "Pay with ATH Móvil" → waiting screen (amount,
 * countdown, change phone, cancel) → order confirmation with the ATH reference number.
 *
 * Plain DOM + @medusajs/js-sdk + the plugin's storefront kit. In your storefront import the kit
 * from "medusa-payment-athmovil/storefront"; the demo imports the source so it needs no build.
 */
import Medusa from "@medusajs/js-sdk"
import {
  cancelAthMovilPayment,
  AthMovilAbortedError,
  AthMovilExpiredError,
  AthMovilRejectedError,
  athMovilErrorMessage,
  changeAthMovilPhone,
  completeAthMovilCheckout,
  formatAthMovilCountdown,
  formatAthMovilPhone,
  getAthMovilEligibility,
  getAthMovilPaymentStatus,
  getAthMovilReferenceNumber,
  normaliseAthMovilPhone,
  startAthMovilPayment,
  waitForAthMovilApproval,
} from "../../../src/storefront"

const config = window.ATHMOVIL_DEMO
const sdk = new Medusa({ baseUrl: config.medusaUrl, publishableKey: config.publishableKey })
const CART_KEY = "athmovil-demo-cart"
const PAYMENT_KEY = "athmovil-demo-payment"
const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" })
const $app = document.getElementById("app")

const state = {
  products: [],
  cart: null,
  shippingOptions: [],
  view: "shop",
  notice: null,
  busy: false,
  /** { sessionId, cartId, ecommerceId, expiresAt, phoneLast4, phone, amount, totalSeconds } */
  payment: null,
  order: null,
  referenceNumber: null,
  errorMessage: null,
  /** The store's answer to "can ATH Móvil take this cart?" ({ eligible, reasons }), null until asked. */
  eligibility: null,
  customer: {
    email: "jane@example.com",
    first_name: "Jane",
    last_name: "Rivera",
    address_1: "1 Calle Fortaleza",
    city: "San Juan",
    postal_code: "00901",
    phone: formatAthMovilPhone(config.phoneNumber),
  },
}
let waitController = null

// ---------------------------------------------------------------- helpers

function h(tag, props, ...children) {
  const el = document.createElement(tag)
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue
    if (key === "class") el.className = value
    else if (key === "testid") el.dataset.testid = value
    else if (key.startsWith("on")) el.addEventListener(key.slice(2).toLowerCase(), value)
    else if (value === true) el.setAttribute(key, "")
    else el.setAttribute(key, String(value))
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue
    el.append(child instanceof Node ? child : String(child))
  }
  return el
}

const price = (amount) => money.format(Number(amount ?? 0))

function show(view, extra = {}) {
  const changed = view !== state.view
  Object.assign(state, { view }, extra)
  render()
  if (changed) window.scrollTo({ top: 0 })
}

function setNotice(kind, text) {
  state.notice = text ? { kind, text } : null
}

async function guard(fn) {
  if (state.busy) return
  state.busy = true
  render()
  try {
    await fn()
  } catch (err) {
    console.error(err)
    setNotice("error", err?.message || "Something went wrong")
  } finally {
    state.busy = false
    render()
  }
}

// ---------------------------------------------------------------- data

async function loadProducts() {
  const { products } = await sdk.store.product.list({
    region_id: config.regionId,
    limit: 50,
    order: "created_at",
    fields: "id,title,handle,description,thumbnail,*variants,*variants.calculated_price",
  })
  state.products = products
}

async function refreshCart(id = state.cart?.id ?? localStorage.getItem(CART_KEY)) {
  if (!id) return (state.cart = null)
  try {
    const { cart } = await sdk.store.cart.retrieve(id)
    if (cart.completed_at) throw new Error("completed")
    state.cart = cart
    localStorage.setItem(CART_KEY, cart.id)
  } catch {
    state.cart = null
    localStorage.removeItem(CART_KEY)
  }
  return state.cart
}

async function addToCart(variantId) {
  if (state.cart) {
    state.cart = (await sdk.store.cart.createLineItem(state.cart.id, { variant_id: variantId, quantity: 1 })).cart
  } else {
    state.cart = (await sdk.store.cart.create({ region_id: config.regionId, items: [{ variant_id: variantId, quantity: 1 }] })).cart
    localStorage.setItem(CART_KEY, state.cart.id)
  }
}

async function setQuantity(line, quantity) {
  if (quantity <= 0) await sdk.store.cart.deleteLineItem(state.cart.id, line.id)
  else await sdk.store.cart.updateLineItem(state.cart.id, line.id, { quantity })
  await refreshCart()
}

async function loadShipping() {
  const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: state.cart.id })
  state.shippingOptions = shipping_options
  if (!state.cart.shipping_methods?.length && shipping_options[0]) await chooseShipping(shipping_options[0].id)
  else await refreshEligibility()
}

async function chooseShipping(optionId) {
  state.cart = (await sdk.store.cart.addShippingMethod(state.cart.id, { option_id: optionId })).cart
  await refreshEligibility()
}

/** Asked once the total is final (shipping chosen): the pay button is disabled with the store's reasons. */
async function refreshEligibility() {
  try {
    state.eligibility = await getAthMovilEligibility(sdk, state.cart.id, { locale: "en" })
  } catch {
    // Unknown: leave the button enabled; starting the payment reports any refusal.
    state.eligibility = null
  }
}

/** What the shopper sees in the ATH Móvil app: the cart lines and the shipping. */
function athItems(cart) {
  const lines = (cart.items ?? []).map((item) => ({
    name: String(item.product_title ?? item.title ?? "Item").slice(0, 100),
    quantity: item.quantity,
    price: Number(item.unit_price).toFixed(2),
  }))
  if (Number(cart.shipping_total) > 0) lines.push({ name: "Shipping", quantity: 1, price: Number(cart.shipping_total).toFixed(2) })
  return lines
}

// ---------------------------------------------------------------- payment

async function pay(form) {
  const data = Object.fromEntries(new FormData(form).entries())
  Object.assign(state.customer, data)
  const phone = normaliseAthMovilPhone(data.phone)
  if (!phone) {
    setNotice("error", athMovilErrorMessage({ code: "invalid_phone" }))
    return
  }
  setNotice(null)
  const address = {
    first_name: data.first_name,
    last_name: data.last_name,
    address_1: data.address_1,
    city: data.city,
    postal_code: data.postal_code,
    country_code: "pr",
  }
  await sdk.store.cart.update(state.cart.id, { email: data.email, shipping_address: address, billing_address: address })
  if (!state.cart.shipping_methods?.length) await loadShipping()
  const cart = await refreshCart()
  try {
    const started = await startAthMovilPayment(sdk, cart, { phoneNumber: phone, items: athItems(cart) })
    state.payment = {
      ...started,
      phone,
      amount: cart.total,
      totalSeconds: Math.max(1, Math.round((started.expiresAt.getTime() - Date.now()) / 1000)),
    }
    sessionStorage.setItem(PAYMENT_KEY, JSON.stringify({ ...state.payment, cartId: cart.id }))
  } catch (err) {
    setNotice("error", err.code === "request_failed" ? err.message : athMovilErrorMessage(err))
    return
  }
  show("waiting", { notice: null })
  void waitAndComplete()
}

async function waitAndComplete() {
  const payment = state.payment
  waitController?.abort()
  const controller = (waitController = new AbortController())
  try {
    await waitForAthMovilApproval(sdk, payment, {
      signal: controller.signal,
      onTick: ({ secondsLeft }) => updateCountdown(secondsLeft),
    })
    show("placing")
    const order = await completeAthMovilCheckout(sdk, state.cart.id, { sessionId: payment.sessionId, signal: controller.signal })
    const referenceNumber = await getAthMovilReferenceNumber(sdk, payment).catch(() => null)
    localStorage.removeItem(CART_KEY)
    sessionStorage.removeItem(PAYMENT_KEY)
    show("done", { order, referenceNumber, cart: null })
  } catch (err) {
    if (err instanceof AthMovilAbortedError) return
    sessionStorage.removeItem(PAYMENT_KEY)
    if (err instanceof AthMovilRejectedError) show("rejected")
    else if (err instanceof AthMovilExpiredError) show("expired")
    else show("error", { errorMessage: err.code === "request_failed" ? err.message : athMovilErrorMessage(err) })
  } finally {
    if (waitController === controller) waitController = null
  }
}

function updateCountdown(secondsLeft) {
  const label = document.querySelector("[data-testid=countdown]")
  if (label) label.textContent = formatAthMovilCountdown(secondsLeft)
  const bar = document.querySelector("[data-testid=countdown-bar]")
  if (bar && state.payment) bar.style.width = `${Math.min(100, (secondsLeft / state.payment.totalSeconds) * 100)}%`
  if (state.payment) state.payment.secondsLeft = secondsLeft
}

async function cancelPayment() {
  waitController?.abort()
  // The store's routes act only for the cart that owns the session: keep both ids.
  const payment = state.payment ? { sessionId: state.payment.sessionId, cartId: state.payment.cartId } : null
  sessionStorage.removeItem(PAYMENT_KEY)
  try {
    if (payment) await cancelAthMovilPayment(sdk, payment)
    setNotice("info", "Payment cancelled: the request was withdrawn from the ATH Móvil app.")
  } catch (e) {
    setNotice("error", athMovilErrorMessage(e, "en"))
  }
  show("checkout")
}

async function changePhone(form) {
  const input = form.querySelector("input")
  const phone = normaliseAthMovilPhone(input.value)
  if (!phone) {
    state.phoneError = athMovilErrorMessage({ code: "invalid_phone" })
    return
  }
  try {
    const result = await changeAthMovilPhone(sdk, state.payment, phone)
    Object.assign(state.payment, { phone, phoneLast4: result.phoneLast4 ?? phone.slice(-4) })
    state.customer.phone = formatAthMovilPhone(phone)
    state.changingPhone = false
    state.phoneError = null
  } catch (err) {
    state.phoneError = err.code === "request_failed" ? err.message : athMovilErrorMessage(err)
  }
}

// ---------------------------------------------------------------- views

function cartLines(cart, { editable }) {
  if (!cart?.items?.length) return h("p", { class: "empty", testid: "cart-empty" }, "Your cart is empty.")
  return h(
    "ul",
    { class: "lines", testid: "cart-lines" },
    [...cart.items]
      .sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)))
      .map((line) =>
        h(
          "li",
          { class: "line", testid: "cart-line" },
          h("img", { src: line.thumbnail ?? "", alt: "" }),
          h(
            "div",
            {},
            h("div", { class: "name" }, line.product_title ?? line.title),
            h(
              "div",
              { class: "meta" },
              editable && h("button", { class: "qty", type: "button", "aria-label": "One less", disabled: state.busy, onclick: () => guard(() => setQuantity(line, line.quantity - 1)) }, "−"),
              h("span", { testid: "line-quantity" }, `${line.quantity} × ${price(line.unit_price)}`),
              editable && h("button", { class: "qty", type: "button", "aria-label": "One more", disabled: state.busy, onclick: () => guard(() => setQuantity(line, line.quantity + 1)) }, "+")
            )
          ),
          h("strong", {}, price(line.subtotal ?? line.unit_price * line.quantity))
        )
      )
  )
}

function totals(cart) {
  return h(
    "dl",
    { class: "totals" },
    h("dt", {}, "Subtotal"),
    h("dd", {}, price(cart.item_subtotal ?? cart.subtotal)),
    h("dt", {}, "Shipping"),
    h("dd", {}, cart.shipping_methods?.length ? price(cart.shipping_total) : "—"),
    Number(cart.tax_total) > 0 && [h("dt", {}, "Tax"), h("dd", {}, price(cart.tax_total))],
    h("dt", { class: "grand" }, "Total"),
    h("dd", { class: "grand", testid: "cart-total" }, price(cart.total))
  )
}

function shopView() {
  const cart = state.cart
  return h(
    "div",
    { class: "shop", testid: "shop-screen" },
    h(
      "section",
      {},
      h("div", { class: "hero" }, h("h1", {}, "Hecho en Puerto Rico"), h("p", {}, "Pick something, then pay with ATH Móvil from your phone.")),
      h(
        "div",
        { class: "grid" },
        state.products.map((product) => {
          const variant = product.variants?.[0]
          const amount = variant?.calculated_price?.calculated_amount
          return h(
            "article",
            { class: "product", testid: "product-card", "data-handle": product.handle },
            h("img", { src: product.thumbnail ?? "", alt: product.title }),
            h(
              "div",
              { class: "body" },
              h("h3", {}, product.title),
              h("p", {}, product.description),
              h(
                "div",
                { class: "row" },
                h("span", { class: "price" }, amount === undefined ? "" : price(amount)),
                h(
                  "button",
                  { class: "btn small", type: "button", testid: "add-to-cart", disabled: state.busy || !variant, onclick: () => guard(() => addToCart(variant.id)) },
                  "Add to cart"
                )
              )
            )
          )
        })
      )
    ),
    h(
      "aside",
      { class: "panel cart-panel", testid: "cart-panel" },
      h("h2", {}, "Your cart"),
      cartLines(cart, { editable: true }),
      cart?.items?.length && totals(cart),
      h(
        "button",
        {
          class: "btn block",
          type: "button",
          testid: "checkout-button",
          disabled: state.busy || !cart?.items?.length,
          onclick: () =>
            guard(async () => {
              setNotice(null)
              await loadShipping()
              show("checkout")
            }),
        },
        "Checkout"
      )
    )
  )
}

function field(name, label, { wide, type = "text", autocomplete, testid } = {}) {
  return h(
    "label",
    { class: `field${wide ? " wide" : ""}` },
    label,
    h("input", { name, type, value: state.customer[name] ?? "", autocomplete, required: true, testid, oninput: (e) => (state.customer[name] = e.target.value) })
  )
}

function checkoutView() {
  const cart = state.cart
  if (!cart) return shopView()
  const selected = cart.shipping_methods?.[0]?.shipping_option_id
  return h(
    "div",
    { class: "checkout", testid: "checkout-screen" },
    h(
      "form",
      {
        class: "panel",
        testid: "checkout-form",
        onsubmit: (e) => {
          e.preventDefault()
          void guard(() => pay(e.currentTarget))
        },
      },
      h("h1", {}, "Checkout"),
      state.notice && h("div", { class: `notice ${state.notice.kind}`, testid: `notice-${state.notice.kind}`, role: "status" }, state.notice.text),
      h(
        "fieldset",
        {},
        h("legend", {}, "Contact and shipping address"),
        h(
          "div",
          { class: "fields" },
          field("email", "Email", { wide: true, type: "email", autocomplete: "email" }),
          field("first_name", "First name", { autocomplete: "given-name" }),
          field("last_name", "Last name", { autocomplete: "family-name" }),
          field("address_1", "Address", { wide: true, autocomplete: "address-line1" }),
          field("city", "City", { autocomplete: "address-level2" }),
          field("postal_code", "ZIP code", { autocomplete: "postal-code" })
        )
      ),
      h(
        "fieldset",
        {},
        h("legend", {}, "Shipping"),
        h(
          "div",
          { class: "options", testid: "shipping-options" },
          state.shippingOptions.map((option) =>
            h(
              "label",
              { class: `option${option.id === selected ? " selected" : ""}` },
              h("input", {
                type: "radio",
                name: "shipping_option",
                value: option.id,
                checked: option.id === selected,
                disabled: state.busy,
                onchange: () => guard(() => chooseShipping(option.id)),
              }),
              h("span", {}, option.name),
              h("strong", {}, price(option.calculated_price?.calculated_amount ?? option.amount))
            )
          )
        )
      ),
      h(
        "div",
        { class: "pay-box" },
        h("legend", {}, "Payment"),
        h("p", {}, "You will approve the payment in the ATH Móvil app on your phone."),
        h(
          "div",
          { class: "phone-row" },
          h(
            "label",
            { class: "field" },
            "ATH Móvil phone number",
            h("input", { name: "phone", type: "tel", inputmode: "tel", value: state.customer.phone, autocomplete: "tel", required: true, testid: "phone-input", oninput: (e) => (state.customer.phone = e.target.value) })
          )
        ),
        state.eligibility && !state.eligibility.eligible
          ? h(
              "div",
              { class: "notice error", testid: "ath-ineligible", role: "note", id: "ath-ineligible" },
              h("p", {}, "ATH Móvil is not available for this cart:"),
              h("ul", {}, state.eligibility.reasons.map((r) => h("li", { "data-reason": r.code }, r.message)))
            )
          : null,
        h(
          "button",
          {
            class: "btn ath",
            type: "submit",
            testid: "pay-button",
            disabled: state.busy || !selected || state.eligibility?.eligible === false,
            "aria-describedby": state.eligibility?.eligible === false ? "ath-ineligible" : undefined,
          },
          state.busy ? "Sending request…" : ["Pay ", price(cart.total), " with ", h("span", { class: "ath-logo" }, h("span", { class: "ath" }, "ATH"), "Móvil")]
        )
      ),
      h("p", {}, h("button", { class: "btn link", type: "button", testid: "back-to-shop", onclick: () => show("shop", { notice: null }) }, "← Back to the shop"))
    ),
    h("aside", { class: "panel" }, h("h2", {}, "Order summary"), cartLines(cart, { editable: false }), totals(cart))
  )
}

const ICONS = {
  ok: "M5 12.5l4.5 4.5L19 7.5",
  bad: "M7 7l10 10M17 7L7 17",
  late: "M12 7v5.5l3.5 2M12 3.5a8.5 8.5 0 1 0 0 17a8.5 8.5 0 1 0 0-17",
}

/** Round status badge with an inline SVG (no icon font or emoji needed). */
function resultIcon(kind) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg")
  svg.setAttribute("viewBox", "0 0 24 24")
  svg.setAttribute("width", "34")
  svg.setAttribute("height", "34")
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path")
  path.setAttribute("d", ICONS[kind])
  path.setAttribute("fill", "none")
  path.setAttribute("stroke", "#fff")
  path.setAttribute("stroke-width", "2.6")
  path.setAttribute("stroke-linecap", "round")
  path.setAttribute("stroke-linejoin", "round")
  svg.append(path)
  return h("div", { class: `result-icon ${kind}`, "aria-hidden": "true" }, svg)
}

function athCard(testid, ...body) {
  return h(
    "section",
    { class: "ath-card", testid },
    h("div", { class: "ath-head" }, h("span", { class: "ath-logo" }, h("span", { class: "ath" }, "ATH"), "Móvil")),
    h("div", { class: "ath-body" }, ...body)
  )
}

function waitingView() {
  const p = state.payment
  const secondsLeft = p.secondsLeft ?? p.totalSeconds
  return athCard(
    "waiting-screen",
    h("div", { class: "countdown-label" }, "Amount to approve"),
    h("div", { class: "amount", testid: "ath-amount" }, price(p.amount)),
    h(
      "p",
      { class: "to-phone", testid: "waiting-phone" },
      "We sent a payment request to the ATH Móvil app on the phone ending in ",
      h("strong", { testid: "phone-last4" }, p.phoneLast4),
      "."
    ),
    h("ol", { class: "steps" }, h("li", {}, "Open ATH Móvil on your phone."), h("li", {}, "Check the amount and tap Pay."), h("li", {}, "Keep this page open: your order is placed automatically.")),
    h("div", { class: "countdown-label" }, "Time left to approve"),
    h("div", { class: "countdown", testid: "countdown" }, formatAthMovilCountdown(secondsLeft)),
    h("div", { class: "bar" }, h("div", { testid: "countdown-bar", style: `width:${Math.min(100, (secondsLeft / p.totalSeconds) * 100)}%` })),
    state.changingPhone
      ? h(
          "form",
          {
            class: "change-phone",
            testid: "change-phone-form",
            onsubmit: (e) => {
              e.preventDefault()
              void guard(() => changePhone(e.currentTarget))
            },
          },
          h("input", { type: "tel", name: "phone", placeholder: "787-555-1234", "aria-label": "New phone number", testid: "new-phone-input" }),
          h("button", { class: "btn small", type: "submit", testid: "send-phone-button", disabled: state.busy }, "Send"),
          h("button", { class: "btn small ghost", type: "button", onclick: () => show("waiting", { changingPhone: false, phoneError: null }) }, "Keep")
        )
      : null,
    state.phoneError && h("div", { class: "notice error", testid: "phone-error" }, state.phoneError),
    h(
      "div",
      { class: "actions" },
      !state.changingPhone &&
        h("button", { class: "btn ghost", type: "button", testid: "change-phone-button", onclick: () => show("waiting", { changingPhone: true, phoneError: null }) }, "Change phone number"),
      h("button", { class: "btn ghost", type: "button", testid: "cancel-button", onclick: cancelPayment }, "Cancel")
    ),
    h(
      "div",
      { class: "hint" },
      "Demo: no ATH Móvil app needed. ",
      h("a", { href: `${config.phonePageUrl.split("?")[0]}?phone=${p.phone}`, target: "_blank", rel: "noopener", testid: "sandbox-phone-link" }, "Open the sandbox phone"),
      " to approve or reject."
    )
  )
}

function placingView() {
  return athCard("placing-screen", h("div", { class: "spinner" }), h("h2", {}, "Approved!"), h("p", { class: "to-phone" }, "Placing your order…"))
}

function doneView() {
  const order = state.order
  return athCard(
    "confirmation-screen",
    resultIcon("ok"),
    h("h1", {}, "Thank you!"),
    h("p", { class: "to-phone" }, "Your order is confirmed and paid with ATH Móvil."),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "Order"),
      h("dd", { testid: "order-number" }, `#${order.display_id}`),
      h("dt", {}, "Total paid"),
      h("dd", { testid: "order-total" }, price(order.total)),
      h("dt", {}, "ATH Móvil reference"),
      h("dd", { class: "mono", testid: "ath-reference" }, state.referenceNumber ?? "—"),
      h("dt", {}, "Confirmation sent to"),
      h("dd", {}, order.email ?? "")
    ),
    h("button", { class: "btn", type: "button", testid: "continue-shopping", onclick: () => show("shop", { order: null, payment: null }) }, "Continue shopping")
  )
}

function failedView(testid, icon, title, text) {
  return athCard(
    testid,
    resultIcon(icon),
    h("h1", {}, title),
    h("p", { class: "to-phone" }, text),
    h(
      "div",
      { class: "actions" },
      h("button", { class: "btn", type: "button", testid: "try-again", onclick: () => show("checkout", { notice: null, payment: null }) }, "Try again"),
      h("button", { class: "btn ghost", type: "button", onclick: () => show("shop", { notice: null, payment: null }) }, "Back to the shop")
    )
  )
}

function render() {
  const count = (state.cart?.items ?? []).reduce((n, i) => n + i.quantity, 0)
  const cartButton = document.querySelector("[data-testid=cart-button]")
  cartButton.hidden = ["waiting", "placing"].includes(state.view)
  cartButton.querySelector("[data-testid=cart-count]").textContent = String(count)
  const views = {
    shop: shopView,
    checkout: checkoutView,
    waiting: waitingView,
    placing: placingView,
    done: doneView,
    rejected: () => failedView("rejected-screen", "bad", "Payment rejected", "The payment was rejected in ATH Móvil, so no order was placed and nothing was charged."),
    expired: () => failedView("expired-screen", "late", "Payment expired", "The payment was not approved in ATH Móvil in time. Nothing was charged."),
    error: () => failedView("error-screen", "bad", "Something went wrong", state.errorMessage ?? "The payment could not be completed."),
  }
  $app.replaceChildren(views[state.view]())
}

// ---------------------------------------------------------------- start

async function main() {
  document.getElementById("phone-page-link").href = config.phonePageUrl
  document.querySelector("[data-testid=cart-button]").addEventListener("click", () => {
    show("shop")
    document.querySelector("[data-testid=cart-panel]")?.scrollIntoView({ behavior: "smooth", block: "start" })
  })
  document.querySelector("[data-testid=home-link]").addEventListener("click", (e) => {
    if (["shop", "checkout", "done", "rejected", "expired", "error"].includes(state.view)) {
      e.preventDefault()
      show("shop", { notice: null })
    }
  })
  await Promise.all([loadProducts(), refreshCart()])
  // A reload while waiting for ATH Móvil picks the wait up again.
  const saved = JSON.parse(sessionStorage.getItem(PAYMENT_KEY) ?? "null")
  if (saved && state.cart?.id === saved.cartId) {
    const status = await getAthMovilPaymentStatus(sdk, saved).catch(() => null)
    if (status && ["pending", "approved", "completed"].includes(status.status)) {
      state.payment = { ...saved, expiresAt: new Date(saved.expiresAt), secondsLeft: status.secondsLeft }
      show("waiting")
      void waitAndComplete()
      return
    }
    sessionStorage.removeItem(PAYMENT_KEY)
  }
  render()
}

main().catch((err) => {
  console.error(err)
  $app.replaceChildren(h("div", { class: "notice error", testid: "load-error" }, `Could not load the store: ${err.message}`))
})
