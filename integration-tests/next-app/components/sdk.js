"use client"
import Medusa from "@medusajs/js-sdk"
import { useMemo } from "react"

/** The browser's js-sdk, configured from what the server page passed down. */
export function useSdk({ baseUrl, publishableKey }) {
  return useMemo(() => new Medusa({ baseUrl, publishableKey }), [baseUrl, publishableKey])
}
