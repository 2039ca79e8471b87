import { redirect } from "next/navigation"
import { currentCartId } from "../../../lib/actions"
import { medusaConfig, serverSdk } from "../../../lib/config"
import { messages, money } from "../../../lib/messages"
import PaymentStep from "../../../components/payment-step"
import ReviewStep from "../../../components/review-step"

/** The starter's checkout page, reduced to its payment and review steps. */
export default async function CheckoutPage({ params, searchParams }) {
  const { locale } = await params
  const { step, method } = await searchParams
  const t = messages(locale)
  const cartId = await currentCartId()
  if (!cartId) return <p data-testid="no-cart">{t.noCart}</p>
  const sdk = serverSdk()
  const { cart } = await sdk.store.cart.retrieve(cartId, {
    fields: "id,region_id,currency_code,total,*shipping_address,*payment_collection,*payment_collection.payment_sessions",
  })
  const { payment_providers } = await sdk.store.payment.listPaymentProviders({ region_id: cart.region_id })
  const { baseUrl, publishableKey } = medusaConfig()
  const medusa = { baseUrl, publishableKey }
  if (step === "review" && !method) redirect(`/${locale}/checkout?step=payment`)
  return (
    <main>
      <h1>{t.checkout}</h1>
      <p>
        {t.total}: <strong data-testid="cart-total">{money(cart.total)}</strong>
      </p>
      {step === "review" ? (
        <ReviewStep medusa={medusa} cart={cart} locale={locale} method={method} />
      ) : (
        <PaymentStep medusa={medusa} cart={cart} locale={locale} providers={payment_providers.map((p) => p.id)} />
      )}
    </main>
  )
}
