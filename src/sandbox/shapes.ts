/**
 * Field printers shared by every response and webhook builder. Each one asks
 * the Variants which documented shape to play for this one field; with
 * variants off each returns the sandbox's usual guess for the context.
 */
import { formatPhone } from "./customers"
import { centsToFloat32, centsToNumber, formatCents } from "./money"
import { formatPrDateTime } from "./pr-time"
import { ANY_ERROR_STATUSES, Variants, type OptionOf } from "./variants"

const MARK = "\u2063"
const RAW = new RegExp(`"${MARK}([-0-9.eE+]+)${MARK}"`, "g")

/**
 * A JSON number printed exactly as given ("1.0", "0.40"): JSON.stringify
 * cannot emit those, so it writes a marked string that toJsonText unwraps.
 */
class JsonNumberText {
  constructor(readonly text: string) {}
  toJSON(): string {
    return `${MARK}${this.text}${MARK}`
  }
}

/** JSON.stringify that honours JsonNumberText. */
export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value)
  return text === undefined ? text : text.replace(RAW, "$1")
}

export type JsonAmount = number | JsonNumberText

export class Shapes {
  /** Replaced by AthSandbox.setVariants(). */
  constructor(public variants: Variants = new Variants()) {}

  /** A JSON-number amount other than the fee. */
  amount(cents: number): JsonAmount {
    switch (this.variants.pick("amount.number", "shortest")) {
      case "java-decimal":
        return cents % 100 === 0 ? new JsonNumberText(`${cents / 100}.0`) : centsToNumber(cents)
      case "two-decimal":
        return new JsonNumberText(formatCents(cents))
      default:
        return centsToNumber(cents)
    }
  }

  /** ATH stores fees as 32-bit floats (0.60 → 0.6000000238418579), though some samples print them clean. */
  fee(cents: number): JsonAmount {
    return this.variants.pick("fee.number", "float32") === "float32" ? centsToFloat32(cents) : this.amount(cents)
  }

  /** A string amount (legacy and refund webhooks): "3.00", or "3" for whole amounts. */
  amountString(cents: number, fallback: OptionOf<"amount.string"> = "two-decimal"): string {
    const plain = this.variants.pick("amount.string", fallback) === "plain"
    return plain && cents % 100 === 0 ? String(cents / 100) : formatCents(cents)
  }

  /** A reference number as printed in one field; "" stays "". */
  reference(ref: string | null): string {
    if (!ref) return ""
    return this.variants.pick("reference.padding", "none") === "trailing-space" ? `${ref} ` : ref
  }

  dailyKey(fallback: OptionOf<"dailyTransactionId.key">): OptionOf<"dailyTransactionId.key"> {
    return this.variants.pick("dailyTransactionId.key", fallback)
  }

  /** "0006", "6" or 6; a transaction without one (not completed) always says "". */
  daily(id: string | null, fallback: OptionOf<"dailyTransactionId.form">): string | number {
    if (!id) return ""
    switch (this.variants.pick("dailyTransactionId.form", fallback)) {
      case "integer":
        return Number(id)
      case "unpadded-string":
        return String(Number(id))
      default:
        return id.padStart(4, "0")
    }
  }

  /** Puerto Rico date-time, with or without Java's ".0"; null → "". */
  date(ms: number | null, fallback: OptionOf<"date.fraction">): string {
    if (ms === null) return ""
    const text = formatPrDateTime(ms)
    return this.variants.pick("date.fraction", fallback) === "fraction" ? `${text}.0` : text
  }

  /** `date` in the /refund answer. */
  refundDate(ms: number | null): string | number {
    if (ms === null) return ""
    switch (this.variants.pick("refund.date", "epoch-ms-string")) {
      case "pr-datetime-fraction":
        return `${formatPrDateTime(ms)}.0`
      case "epoch-ms-number":
        return ms
      default:
        return String(ms)
    }
  }

  /** A 10-digit phone (or "" when unknown) in one of the documented forms. */
  phone(digits: string, fallback: OptionOf<"phoneNumber">): string | number {
    switch (this.variants.pick("phoneNumber", fallback)) {
      case "number":
        return digits ? Number(digits) : 0
      case "formatted":
        return formatPhone(digits)
      case "zero":
        return 0
      case "empty":
        return ""
      default:
        return digits
    }
  }

  name(name: string): string {
    return name && this.variants.pick("name.padding", "none") === "leading-space" ? ` ${name}` : name
  }

  ecommerceType(): string {
    return this.variants.pick("transactionType.ecommerce", "ECOMMERCE")
  }

  itemExtras(): boolean {
    return this.variants.pick("findPayment.itemExtras", "with") === "with"
  }

  /** The HTTP status of one error envelope. */
  errorStatus(tableStatus: number): number {
    switch (this.variants.pick("error.httpStatus", "table")) {
      case "http-200":
        return 200
      case "any":
        return this.variants.draw("error.httpStatus", ANY_ERROR_STATUSES)
      default:
        return tableStatus
    }
  }
}
