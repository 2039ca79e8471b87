"use client"
import { useRouter } from "next/navigation"
import { useState } from "react"
import { ATHMOVIL_PROVIDER_ID, useAthMovilEligibility } from "medusa-payment-athmovil/react"
import { messages } from "../lib/messages"
import { paymentInfoMap } from "../lib/payment-info"
import { useSdk } from "./sdk"

/**
 * The starter's payment step: a radio per provider of the region. For ATH Móvil no session is
 * created here (the provider needs the phone, which the review step asks for); the option is
 * disabled with the store's reason when the cart cannot be paid with ATH Móvil.
 */
export default function PaymentStep({ medusa, cart, locale, providers }) {
  const t = messages(locale)
  const sdk = useSdk(medusa)
  const router = useRouter()
  const { eligibility } = useAthMovilEligibility(sdk, cart.id, { locale, key: cart.total })
  const athBlocked = eligibility ? !eligibility.eligible : false
  const [selected, setSelected] = useState(null)

  return (
    <section data-testid="payment-step">
      <h2>{t.paymentStep}</h2>
      <fieldset>
        <legend>{t.paidWith}</legend>
        {providers.map((id) => {
          const info = paymentInfoMap[id] ?? { title: id, icon: null }
          const disabled = id === ATHMOVIL_PROVIDER_ID && (athBlocked || !eligibility)
          return (
            <div key={id}>
              <label>
                <input
                  type="radio"
                  name="payment-method"
                  value={id}
                  disabled={disabled}
                  checked={selected === id}
                  onChange={() => setSelected(id)}
                  data-testid={`method-${id}`}
                  aria-describedby={id === ATHMOVIL_PROVIDER_ID && athBlocked ? "ath-reasons" : undefined}
                />
                {info.icon} {info.title}
              </label>
              {id === ATHMOVIL_PROVIDER_ID && athBlocked ? (
                <ul id="ath-reasons" data-testid="ath-ineligible">
                  {eligibility.reasons.map((r) => (
                    <li key={r.code} data-reason={r.code}>
                      {r.message}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          )
        })}
      </fieldset>
      <button
        type="button"
        disabled={!selected}
        data-testid="continue-to-review"
        onClick={() => router.push(`/${locale}/checkout?step=review&method=${encodeURIComponent(selected)}`)}
      >
        {t.continueToReview}
      </button>
    </section>
  )
}
