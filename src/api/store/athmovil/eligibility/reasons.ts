/**
 * Why a cart cannot be paid with ATH Móvil, in the shopper's language. The checks themselves are in
 * `./check.ts`; this file only holds the words.
 */
import { ATH_MAX_TOTAL, ATH_MIN_TOTAL } from "../../../../providers/athmovil/money"

export type EligibilityReasonCode = "currency_not_usd" | "total_below_minimum" | "total_above_maximum" | "not_enabled_in_region"

export type EligibilityLocale = "en" | "es"

export interface EligibilityReason {
  code: EligibilityReasonCode
  message: string
}

const MESSAGES: Record<EligibilityLocale, Record<EligibilityReasonCode, (v: { currency: string; total: string }) => string>> = {
  en: {
    currency_not_usd: ({ currency }) => `ATH Móvil only takes payments in US dollars; this cart is in ${currency}.`,
    total_below_minimum: ({ total }) => `ATH Móvil needs a total of at least $${ATH_MIN_TOTAL}; this cart's total is $${total}.`,
    total_above_maximum: ({ total }) => `ATH Móvil accepts totals up to $${ATH_MAX_TOTAL}; this cart's total is $${total}.`,
    not_enabled_in_region: () => "ATH Móvil is not offered in this cart's region.",
  },
  es: {
    currency_not_usd: ({ currency }) => `ATH Móvil solo acepta pagos en dólares estadounidenses; este carrito está en ${currency}.`,
    total_below_minimum: ({ total }) => `ATH Móvil requiere un total de al menos $${ATH_MIN_TOTAL}; el total de este carrito es $${total}.`,
    total_above_maximum: ({ total }) => `ATH Móvil acepta totales de hasta $${ATH_MAX_TOTAL}; el total de este carrito es $${total}.`,
    not_enabled_in_region: () => "ATH Móvil no está disponible en la región de este carrito.",
  },
}

export function reasonText(code: EligibilityReasonCode, locale: EligibilityLocale, values: { currency: string; total: string }): string {
  return MESSAGES[locale][code](values)
}

/**
 * The shopper's language: Medusa's request locale (`?locale=es-PR`, or the js-sdk's `x-medusa-locale`)
 * when it is English or Spanish, else the first of en/es in `Accept-Language` by quality
 * (`es-PR,es;q=0.9,en;q=0.8` → es), else English. Another language (fr) is not an error: the
 * store may well serve it elsewhere, so these texts fall back instead.
 */
export function pickLocale(requestLocale: string | undefined, acceptLanguage: string | undefined): EligibilityLocale {
  const language = String(requestLocale ?? "").toLowerCase().split(/[-_]/)[0]
  if (language === "en" || language === "es") return language
  const ranked = String(acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";")
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean)
      return { lang: tag.trim().toLowerCase().split("-")[0], q: q ? Number(q[1]) : 1, index }
    })
    .filter((l) => (l.lang === "en" || l.lang === "es") && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  return ranked[0]?.lang === "es" ? "es" : "en"
}
