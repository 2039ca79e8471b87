"use client"
import Link from "next/link"
import { AthMovilPaymentButton, ATHMOVIL_PROVIDER_ID } from "medusa-payment-athmovil/react"
import { placeOrder } from "../lib/actions"
import { messages } from "../lib/messages"
import { useSdk } from "./sdk"

/** The starter's review step: its PaymentButton switch, with ATH Móvil's button for ATH Móvil. */
export default function ReviewStep({ medusa, cart, locale, method }) {
  const t = messages(locale)
  const sdk = useSdk(medusa)
  return (
    <section data-testid="review-step">
      <h2>{t.reviewStep}</h2>
      {method === ATHMOVIL_PROVIDER_ID ? (
        <AthMovilPaymentButton
          sdk={sdk}
          cart={cart}
          locale={locale}
          className="ath-button"
          defaultPhone={cart.shipping_address?.phone ?? ""}
          eligibilityKey={cart.total}
          complete={({ cartId, sessionId }) => placeOrder({ cartId, sessionId, locale })}
        />
      ) : (
        <p>{method}</p>
      )}
      <p>
        <Link href={`/${locale}/checkout?step=payment`} data-testid="change-method">
          {t.changeMethod}
        </Link>
      </p>
    </section>
  )
}
