/**
 * ATH Móvil's own limits (API.md §4), defined once: the client's validation, the provider's
 * options schema, the provider's checks and the eligibility route all read them from here.
 */
export const ATH_LIMITS = {
  /** Smallest payment total ATH accepts, USD. */
  minTotal: "1.00",
  /** Largest payment total ATH accepts, USD. */
  maxTotal: "1500.00",
  /** Seconds a shopper may be given to approve in the app. */
  minTimeoutSeconds: 120,
  maxTimeoutSeconds: 600,
  defaultTimeoutSeconds: 600,
} as const
