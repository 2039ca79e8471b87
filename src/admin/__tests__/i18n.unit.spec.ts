import resources, { nest } from "../i18n"
import { en } from "../i18n/en"
import { es } from "../i18n/es"

describe("admin dictionaries", () => {
  it("have the same keys in English and Spanish, none left empty", () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort())
    for (const value of [...Object.values(en), ...Object.values(es)]) expect(value.trim()).not.toBe("")
  })

  it("use the same {{placeholders}} in both languages", () => {
    const vars = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort()
    for (const key of Object.keys(en) as Array<keyof typeof en>) expect([key, vars(es[key])]).toEqual([key, vars(en[key])])
  })

  it("nest for the dashboard's i18next without losing a key", () => {
    const count = (n: object): number => Object.values(n).reduce((s: number, v) => s + (typeof v === "string" ? 1 : count(v)), 0)
    expect(count(nest(en))).toBe(Object.keys(en).length)
    expect(resources.es.translation.athmovil).toMatchObject({ widget: { refresh: "Actualizar desde ATH Móvil" } })
  })
})
