import { en } from "./en"
import { es } from "./es"

type Nested = { [key: string]: string | Nested }

/**
 * "widget.title" → { widget: { title } }: i18next reads dots as nesting. A key that is both a
 * string and a prefix ("a" and "a.b") cannot nest; the dictionaries avoid it (a unit test checks).
 */
export function nest(flat: Record<string, string>): Nested {
  const out: Nested = {}
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split(".")
    let node: Nested | null = out
    for (const part of parts.slice(0, -1)) {
      const next: string | Nested = (node[part] ??= {})
      node = typeof next === "string" ? null : next
      if (!node) break
    }
    if (node) node[parts[parts.length - 1]] = value
  }
  return out
}

/**
 * The plugin's strings, also handed to the dashboard's i18next (it merges every plugin's
 * `src/admin/i18n/index.ts` into its resources), e.g. `t("athmovil.widget.title")`. The widget
 * and page read them through `useAthTranslation`, which follows the admin user's language.
 */
export default {
  en: { translation: { athmovil: nest(en) } },
  es: { translation: { athmovil: nest(es) } },
}
