import { FIXES, LABELS } from "../../api/admin/athmovil/go-live/rules"
import { en, type AthMessageKey } from "../i18n/en"
import { es } from "../i18n/es"

describe("go-live check strings", () => {
  it("the admin has every check and fix the server can send, in English word for word, and in Spanish", () => {
    for (const [id, label] of Object.entries(LABELS)) {
      const key = `golive.check.${id}` as AthMessageKey
      expect([key, en[key]]).toEqual([key, label])
      expect(es[key]).not.toBe(label)
    }
    for (const [id, sentence] of Object.entries(FIXES)) {
      const key = `golive.fix.${id}` as AthMessageKey
      expect([key, en[key]]).toEqual([key, sentence])
      expect(es[key]).not.toBe(sentence)
    }
    // No leftover key for a check or fix the server no longer has.
    const known = new Set([...Object.keys(LABELS).map((k) => `golive.check.${k}`), ...Object.keys(FIXES).map((k) => `golive.fix.${k}`)])
    expect(Object.keys(en).filter((k) => /^golive\.(check|fix)\./.test(k) && !known.has(k))).toEqual([])
  })
})
