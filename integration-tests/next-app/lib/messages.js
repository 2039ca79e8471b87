/** The test storefront's own texts (the ATH Móvil ones come from the plugin). */
export const LOCALES = ["en", "es"]

export const MESSAGES = {
  en: {
    store: "Test store",
    add: "Add to cart",
    checkout: "Checkout",
    total: "Total",
    paymentStep: "Payment",
    reviewStep: "Review",
    continueToReview: "Continue to review",
    changeMethod: "Change payment method",
    confirmed: "Thank you! Your order was placed.",
    orderNumber: "Order number",
    paidWith: "Payment method",
    athReference: "ATH Móvil reference",
    noCart: "Your cart is empty.",
  },
  es: {
    store: "Tienda de prueba",
    add: "Añadir al carrito",
    checkout: "Pagar",
    total: "Total",
    paymentStep: "Pago",
    reviewStep: "Revisión",
    continueToReview: "Continuar a la revisión",
    changeMethod: "Cambiar método de pago",
    confirmed: "¡Gracias! Tu orden fue creada.",
    orderNumber: "Número de orden",
    paidWith: "Método de pago",
    athReference: "Referencia de ATH Móvil",
    noCart: "Tu carrito está vacío.",
  },
}

export function messages(locale) {
  return MESSAGES[locale] ?? MESSAGES.en
}

const USD = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" })

export function money(amount) {
  return USD.format(amount)
}
