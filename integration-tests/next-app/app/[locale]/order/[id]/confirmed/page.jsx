import { serverSdk } from "../../../../../lib/config"
import { messages, money } from "../../../../../lib/messages"
import { paymentInfoMap } from "../../../../../lib/payment-info"

/**
 * The starter's order confirmation page (a server component): the payment method from
 * `paymentInfoMap[provider_id]`, which now has ATH Móvil, and the ATH Móvil reference number.
 */
export default async function ConfirmedPage({ params }) {
  const { locale, id } = await params
  const t = messages(locale)
  const { order } = await serverSdk().store.order.retrieve(id, {
    fields: "id,display_id,total,*payment_collections,*payment_collections.payments",
  })
  const payment = order.payment_collections?.[0]?.payments?.[0]
  const info = paymentInfoMap[payment?.provider_id]
  return (
    <main data-testid="order-confirmed">
      <h1>{t.confirmed}</h1>
      <p>
        {t.orderNumber}: <strong data-testid="order-number">#{order.display_id}</strong>
      </p>
      <p>
        {t.total}: <span data-testid="order-total">{money(order.total)}</span>
      </p>
      <p data-testid="payment-method">
        {t.paidWith}: {info.icon} {info.title}
      </p>
      <p>
        {t.athReference}: <span data-testid="ath-reference">{payment?.data?.reference_number ?? ""}</span>
      </p>
    </main>
  )
}
