import type { ShopperLocale } from "./shopper-messages"

function languageOf(tag: unknown): string {
  return String(tag ?? "").trim().toLowerCase().split(/[-_]/)[0]
}

/**
 * The shopper's language: an explicit `locale` (the request's `?locale=`, Medusa's `x-medusa-locale`,
 * or a body's `locale`) when it is English or Spanish, else the first of en/es in `Accept-Language`
 * by quality (`es-PR,es;q=0.9,en;q=0.8` → es; `es-419` → es), else English. Another language (fr) is
 * not an error: the store may well serve it elsewhere, so these texts fall back instead.
 */
export function resolveShopperLocale(explicit: unknown, acceptLanguage: string | undefined): ShopperLocale {
  const language = languageOf(explicit)
  if (language === "en" || language === "es") return language
  const ranked = String(acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.split(";")
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean)
      return { lang: languageOf(tag), q: q ? Number(q[1]) : 1, index }
    })
    .filter((l) => (l.lang === "en" || l.lang === "es") && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  return ranked[0]?.lang === "es" ? "es" : "en"
}
