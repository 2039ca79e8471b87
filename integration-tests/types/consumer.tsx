/**
 * A tiny storefront that uses every public type entry of the plugin. The install test compiles it
 * against the installed tarball with `tsc`, once per tsconfig here: moduleResolution "node" (the DTC
 * starter's and the old Next.js starter's), "node16" and "bundler". Strict, so an implicit any fails.
 */
import Medusa from "@medusajs/js-sdk"
import type { HttpTypes } from "@medusajs/types"
import type { AthMovilOptions } from "medusa-payment-athmovil/types"
import {
  AthMovilRejectedError,
  athMovilErrorMessage,
  startAthMovilPayment,
  waitForAthMovilApproval,
} from "medusa-payment-athmovil/storefront"
import { AthMovilPaymentButton, athMovilPaymentInfo, useAthMovilPayment } from "medusa-payment-athmovil/react"
import { ATHMOVIL_EVENTS, type AthMovilEventData, type AthMovilEventName } from "medusa-payment-athmovil/events"

const sdk = new Medusa({ baseUrl: "http://localhost:9000", publishableKey: "pk_x" })

export async function pay(cart: HttpTypes.StoreCart, phoneNumber: string) {
  try {
    const payment = await startAthMovilPayment(sdk, cart, { phoneNumber })
    const approved = await waitForAthMovilApproval(sdk, payment, { onTick: (t) => void t.secondsLeft })
    return approved.referenceNumber
  } catch (e) {
    if (e instanceof AthMovilRejectedError) return null
    throw new Error(athMovilErrorMessage(e, "es"))
  }
}

// The DTC starter's src/lib/constants.tsx shape.
export const paymentInfoMap: Record<string, { title: string; icon: JSX.Element }> = {
  pp_athmovil_athmovil: athMovilPaymentInfo,
}

export function Checkout({ cart }: { cart: HttpTypes.StoreCart }) {
  const headless = useAthMovilPayment({ sdk, cart })
  return (
    <div data-status={headless.status}>
      <AthMovilPaymentButton sdk={sdk} cart={cart} locale="es" defaultPhone={cart.shipping_address?.phone} className="ath" />
    </div>
  )
}

export const options: AthMovilOptions = { publicToken: "pub", paymentTimeoutSeconds: 300 }

// A store's subscriber typing its payload from the event name.
export function describeEvent<N extends AthMovilEventName>(name: N, data: AthMovilEventData[N]): string {
  if (name === ATHMOVIL_EVENTS.PAYMENT_EXPIRED) return `expired: ${(data as AthMovilEventData["athmovil.payment.expired"]).ecommerce_id}`
  return name
}
