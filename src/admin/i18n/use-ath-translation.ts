import { useTranslation } from "react-i18next"
import { en, type AthMessageKey } from "./en"
import { es } from "./es"

export type AthLanguage = "en" | "es"

const DICTIONARIES: Record<AthLanguage, Record<AthMessageKey, string>> = { en, es }

/** Intl locales for each language: Puerto Rico's conventions ($1,234.50 in both). */
const LOCALES: Record<AthLanguage, string> = { en: "en-US", es: "es-PR" }

function languageOf(code: string | undefined | null): AthLanguage {
  return (code ?? "").toLowerCase().startsWith("es") ? "es" : "en"
}

export type AthTranslate = (key: AthMessageKey, vars?: Record<string, string | number>) => string

/**
 * The admin user's language, as the dashboard's i18next knows it (profile → language, kept in
 * the `lng` cookie/localStorage); re-renders when the user switches. Spanish for any `es*`
 * language, English otherwise.
 */
export function useAthTranslation(): { t: AthTranslate; language: AthLanguage; locale: string } {
  const { i18n } = useTranslation()
  const language = languageOf(i18n?.resolvedLanguage ?? i18n?.language ?? (typeof document !== "undefined" ? document.documentElement.lang : "en"))
  const dictionary = DICTIONARIES[language]
  const t: AthTranslate = (key, vars) => {
    const template = dictionary[key] ?? en[key] ?? key
    return vars ? template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name] ?? "")) : template
  }
  return { t, language, locale: LOCALES[language] }
}
