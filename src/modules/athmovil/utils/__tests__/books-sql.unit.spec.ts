import { decodeCursor, encodeCursor, kindsOf } from "../books-filter"
import { customerPageSql, prefixUpperBound } from "../customers-sql"
import { ledgerPageSql } from "../ledger-export-sql"

describe("books query helpers", () => {
  it("bounds a phone prefix so the customer index reads only that range", () => {
    expect(prefixUpperBound("787555")).toBe("787556")
    expect(prefixUpperBound("7879")).toBe("788")
    expect(prefixUpperBound("999")).toBeNull()
    const sql = customerPageSql({ q: "(787) 555" }, 20)
    expect(sql.bindings).toEqual(["787555", "787556", 20])
    // A name search keeps whole customers (HAVING), with LIKE wildcards in the input escaped.
    const byName = customerPageSql({ q: "50%_off" }, 20)
    expect(byName.sql).toContain("HAVING")
    expect(byName.bindings).toEqual(["%50\\%\\_off%", "%50\\%\\_off%", 20])
  })

  it("selects kinds: checkouts, other ATH income, one kind, or all", () => {
    expect(kindsOf("ecommerce")).toEqual(["ecommerce"])
    expect(kindsOf("other")).toEqual(["payment", "donation"])
    expect(kindsOf("donation")).toEqual(["donation"])
    expect(kindsOf("all")).toBeNull()
    expect(ledgerPageSql({ kind: "other" }, null, 10).bindings).toEqual(["payment", "donation", 10])
  })

  it("round-trips keyset cursors at full precision and refuses anything else", () => {
    const cursor = { date: "2026-12-01T12:00:00.123456Z", id: "athref_1" }
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor)
    expect(decodeCursor(undefined)).toBeNull()
    expect(decodeCursor("nope")).toBe("invalid")
    expect(decodeCursor(Buffer.from(JSON.stringify(["not a date", "x"])).toString("base64url"))).toBe("invalid")
  })
})
