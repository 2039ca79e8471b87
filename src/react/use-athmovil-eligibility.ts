"use client"
import { useEffect, useState } from "react"
import { getAthMovilEligibility, type AthMovilEligibility, type AthMovilSdk } from "../storefront"

export interface UseAthMovilEligibility {
  /** `null` while the first answer is on its way. */
  eligibility: AthMovilEligibility | null
  loading: boolean
  /** The request itself failed (network, unknown cart); ATH Móvil is then best left enabled. */
  error: unknown
}

/**
 * Whether the cart can be paid with ATH Móvil (`GET /store/athmovil/eligibility`), asked again
 * when `cartId`, `locale` or `key` change: pass the cart's total (or `updated_at`) as `key`.
 */
export function useAthMovilEligibility(
  sdk: AthMovilSdk,
  cartId: string | null | undefined,
  options: { locale?: "en" | "es"; key?: unknown } = {}
): UseAthMovilEligibility {
  const [state, setState] = useState<UseAthMovilEligibility>({ eligibility: null, loading: !!cartId, error: null })
  const key = options.key === undefined ? "" : String(options.key)
  useEffect(() => {
    if (!cartId) return
    const controller = new AbortController()
    setState((s) => ({ ...s, loading: true }))
    getAthMovilEligibility(sdk, cartId, { locale: options.locale, signal: controller.signal }).then(
      (eligibility) => setState({ eligibility, loading: false, error: null }),
      (error) => {
        if (!controller.signal.aborted) setState({ eligibility: null, loading: false, error })
      }
    )
    return () => controller.abort()
    // sdk is usually a module-level singleton; re-asking on a new instance each render would loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cartId, options.locale, key])
  return state
}
