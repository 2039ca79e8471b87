"use client"
import { useEffect, useState } from "react"
import { getAthMovilSavedPhone, type AthMovilSavedPhone, type AthMovilSdk } from "../storefront"

export interface UseAthMovilSavedPhone {
  /** `null` while the answer is on its way, or when the request failed (then the shopper types a phone). */
  savedPhone: AthMovilSavedPhone | null
  loading: boolean
}

/**
 * The phone the store offers for this cart (`GET /store/athmovil/phone`), masked: the logged-in
 * customer's saved ATH phone, else the cart's address phone. Starting the payment without a phone
 * number sends the request to exactly that phone.
 */
export function useAthMovilSavedPhone(sdk: AthMovilSdk, cartId: string | null | undefined): UseAthMovilSavedPhone {
  const [state, setState] = useState<UseAthMovilSavedPhone>({ savedPhone: null, loading: !!cartId })
  useEffect(() => {
    if (!cartId) return
    const controller = new AbortController()
    setState({ savedPhone: null, loading: true })
    getAthMovilSavedPhone(sdk, cartId, { signal: controller.signal }).then(
      (savedPhone) => setState({ savedPhone, loading: false }),
      () => {
        if (!controller.signal.aborted) setState({ savedPhone: null, loading: false })
      }
    )
    return () => controller.abort()
    // sdk is usually a module-level singleton; re-asking on a new instance each render would loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cartId])
  return state
}
