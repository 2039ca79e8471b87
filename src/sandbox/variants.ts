/**
 * Every shape ATH Móvil has been seen to send where the sources disagree or
 * say nothing (API.md §1, §2, §4 and the fixtures). By default the sandbox
 * plays one guess per field (the first option's context default, i.e. its
 * historic behaviour); with a seed it picks among all options, per response
 * and per field, reproducibly; in strict mode it plays the named options only.
 *
 * Each option cites where it was seen. Fixture paths are relative to
 * `athm/fixtures/`; S-numbers are the sources of API.md §0.
 */

export interface VariantOption {
  readonly name: string
  readonly source: string
}

export interface VariantDimension {
  readonly name: string
  /** What the dimension changes, where. */
  readonly scope: string
  readonly options: readonly VariantOption[]
}

interface TypedDimension<N extends string, O extends string> extends VariantDimension {
  readonly name: N
  readonly options: ReadonlyArray<{ readonly name: O; readonly source: string }>
}

function dim<const N extends string, const O extends string>(
  name: N,
  scope: string,
  options: ReadonlyArray<readonly [O, string]>,
): TypedDimension<N, O> {
  return { name, scope, options: options.map(([n, source]) => ({ name: n, source })) }
}

export const VARIANT_DIMENSIONS = [
  dim("fee.number", "`fee` as a JSON number (findPayment, /authorization, /refund, report, search, 2025 webhooks)", [
    ["float32", "api/findPayment_or_authorization_COMPLETED.official.json (S1): `0.6000000238418579`"],
    ["two-decimal", "api/authorization_COMPLETED.js-api-2023.official.json (S2): `0.06`; api/search_transaction_response.legacy-v4.official.json: `0.06`"],
  ]),
  dim("amount.number", "every other JSON-number amount: how it is printed", [
    ["shortest", "api/findPayment_or_authorization_COMPLETED.official.json: `\"total\": 1`, `\"subTotal\": 0`"],
    ["java-decimal", "reports/transaction_report.django-athm-fixture.json: `1.0`, `0.0`; webhooks/ecommerce_completed.official-2025.json: `\"tax\": 1.0`"],
    ["two-decimal", "api/findPayment_OPEN.official.json: `\"tax\": 1.00`; api/findPayment_or_authorization_COMPLETED.official.json: `\"netAmount\": 0.40`"],
  ]),
  dim("amount.string", "string amounts (legacy eCommerce and refund webhooks)", [
    ["two-decimal", "webhooks/ecommerce_expired.official.json, webhooks/refund_sent.official.json (S3 @ eb996de): `\"3.00\"`"],
    ["plain", "API.md §4, the real refund capture in S6's test data: `totalRefundedAmount: \"0\"`"],
  ]),
  dim("reference.format", "a new payment's or refund's referenceNumber (chosen once, when it is created)", [
    ["sequence-hex", "api/findPayment_or_authorization_COMPLETED.official.json: `215070443-402894c185ab1be40185acfe61c2000b`"],
    ["bare-hex", "api/refund_response.official.json, api/search_transaction_response.legacy-v4.official.json: `402894d56b240610016b2e6c78a6003a`"],
  ]),
  dim("reference.padding", "a referenceNumber as printed in one field", [
    ["none", "every fixture but one"],
    ["trailing-space", "reports/transaction_report.django-athm-fixture.json, second row: `\"402894d56b240610016b2e6c78a6003a \"`"],
  ]),
  dim("dailyTransactionId.key", "spelling of the daily id key", [
    ["dailyTransactionId", "api/findPayment_*.official.json, webhooks/ecommerce_*.official-2025.json"],
    ["dailyTransactionID", "api/refund_response.official.json, reports/*, webhooks/ecommerce_expired.official.json"],
  ]),
  dim("dailyTransactionId.form", "the daily id's value", [
    ["padded-string", "api/findPayment_or_authorization_COMPLETED.official.json: `\"0006\"`"],
    ["unpadded-string", "API.md §4, the real refund capture (S6): unpadded digits"],
    ["integer", "reports/transaction_report.django-athm-fixture.json: `35`; S2 legacy-v3 refund body: `107`"],
  ]),
  dim("date.fraction", "a Puerto Rico \"YYYY-MM-DD HH:MM:SS\" date", [
    ["plain", "api/findPayment_or_authorization_COMPLETED.official.json: `\"2023-01-13 16:17:06\"`; 2025 webhooks"],
    ["fraction", "reports/transaction_report.django-athm-fixture.json: `\"2021-07-08 00:36:39.0\"`; 2020 webhooks"],
  ]),
  dim("refund.date", "`date` of the /refund answer (refund and originalTransaction)", [
    ["epoch-ms-string", "api/refund_response.official.json (S1): `\"123412341234\"`"],
    ["pr-datetime-fraction", "S2 legacy-v3 README @ 6627179, refund response: `\"2021-07-08 18:13:58.0\"`"],
    ["epoch-ms-number", "seeds/004 (ATHM-Payment-Button-API _autodocs/endpoints.md): `\"date\": 1678886400000`"],
  ]),
  dim("transactionType.ecommerce", "`transactionType` of eCommerce rows in report and search", [
    ["ECOMMERCE", "reports/transaction_report.django-athm-fixture.json, api/search_transaction_response.legacy-v4.official.json"],
    ["eCommerce", "API.md §1 note on #8: S6 `athm_sync` filters on `\"eCommerce\"` and its tests use it"],
  ]),
  dim("phoneNumber", "a customer phone number, in any response or webhook", [
    ["number", "API.md §4: 2025 eCommerce shape, phoneNumber a JSON number (`7875551234`)"],
    ["digits", "webhooks/payment_received.official.json: `\"7871234567\"`"],
    ["formatted", "api/refund_response.official.json, reports/*: `\"(787) 123-4567\"`"],
    ["zero", "webhooks/ecommerce_completed.official-2025.json: `\"phoneNumber\": 0` on a completed payment"],
    ["empty", "webhooks/ecommerce_expired.official.json: `\"phoneNumber\": \"\"`"],
  ]),
  dim("name.padding", "the customer name", [
    ["none", "every fixture but one"],
    ["leading-space", "api/refund_response.official.json: `\"name\": \" Valeria Herrero\"`"],
  ]),
  dim("findPayment.itemExtras", "`formattedPrice` and `sku` in findPayment / /authorization items", [
    ["with", "api/findPayment_OPEN.official.json, api/authorization_COMPLETED.js-api-2023.official.json"],
    ["without", "api/findPayment_or_authorization_COMPLETED.official.json: items lack formattedPrice and sku"],
  ]),
  dim("webhook.ecommerceGeneration", "completed / cancelled eCommerce webhooks (when no generation was set explicitly)", [
    ["2025", "webhooks/ecommerce_completed.official-2025.json, webhooks/ecommerce_cancelled.official-2025.json (S3 @ e01a6c58)"],
    ["legacy", "S3 README @ eb996de (athm/sources): lowercase `ecommerce`/`completed`/`cancelled`, strings, no ecommerceId"],
  ]),
  dim("webhook.refundShape", "the refund-sent webhook", [
    ["captured", "API.md §4: the real capture in S6's test data (uppercase, strings, no metadata or items)"],
    ["doc-2020", "webhooks/refund_sent.official.json (S3 @ eb996de): lowercase `refund`, tax/subtotal/metadata/items included"],
  ]),
  dim("webhook.refundStatus", "`status` of the refund-sent webhook", [
    ["COMPLETED", "API.md §4: the real capture (S6)"],
    ["completed", "webhooks/refund_sent.official.json (S3 @ eb996de)"],
  ]),
  dim("webhook.refundReference", "referenceNumber of the refund-sent webhook (when not set explicitly)", [
    ["original", "API.md §4: S6's anonymised capture and S1's refund example repeat the payment's number"],
    ["refund", "API.md §1 #6: the refund's own `referenceNumber` (\"Refund transactionId\")"],
  ]),
  dim("error.httpStatus", "HTTP status of an error envelope", [
    ["table", "API.md §2: S4's statuses where it gives one, the sandbox README's guesses otherwise"],
    ["http-200", "API.md §2: a TypeScript client's tests expect `status:\"error\"` with HTTP 200"],
    ["any", "API.md §2: \"The HTTP status is not given in the Payment Button docs\" — any of 200, 400, 401, 403, 404, 409, 500"],
  ]),
] as const

type AnyDimension = (typeof VARIANT_DIMENSIONS)[number]
export type DimensionName = AnyDimension["name"]
export type OptionOf<D extends DimensionName> = Extract<AnyDimension, { name: D }>["options"][number]["name"]

const BY_NAME = new Map<string, VariantDimension>(VARIANT_DIMENSIONS.map((d) => [d.name, d]))

/** Statuses the "any" option draws from. */
export const ANY_ERROR_STATUSES = [200, 400, 401, 403, 404, 409, 500] as const

/** `seed` randomises every dimension; `strict` forces the named options (the rest keep the default guess). */
export interface VariantsSpec {
  seed?: number | string
  strict?: Record<string, string> | string
}

/** What `SandboxOptions.variants` accepts: a seed, or a spec. */
export type VariantsOption = number | string | VariantsSpec

export interface VariantChoice {
  dimension: DimensionName
  option: string
}

/** "fee.number=two-decimal,refund.date=epoch-ms-number" or an object → validated map. */
export function parseStrict(strict: Record<string, string> | string): Map<DimensionName, string> {
  const entries =
    typeof strict === "string"
      ? strict
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
          .map((pair) => {
            const at = pair.indexOf("=")
            if (at < 1) throw new RangeError(`variant "${pair}" must be <dimension>=<option>`)
            return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()] as [string, string]
          })
      : Object.entries(strict)
  const out = new Map<DimensionName, string>()
  for (const [name, option] of entries) {
    const d = BY_NAME.get(name)
    if (!d) throw new RangeError(`unknown variant dimension "${name}"; known: ${[...BY_NAME.keys()].join(", ")}`)
    if (!d.options.some((o) => o.name === option)) {
      throw new RangeError(`variant ${name} has no option "${option}"; options: ${d.options.map((o) => o.name).join(", ")}`)
    }
    out.set(name as DimensionName, option)
  }
  return out
}

function normaliseSpec(option: VariantsOption | undefined): VariantsSpec | null {
  if (option === undefined) return null
  if (typeof option === "number" || typeof option === "string") return { seed: option }
  return option
}

/** FNV-1a, 32 bits: turns "seed|dimension" into a PRNG seed. */
function hash32(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** mulberry32: small, fast and good enough to spread picks evenly. */
function prng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const LOG_LIMIT = 2_000

/**
 * The sandbox's source of shape decisions. One random stream per dimension,
 * so adding a field that consults one dimension does not shift the others;
 * reset() rewinds every stream, so each test starts from the same picks.
 */
export class Variants {
  private readonly seed: string | null
  private readonly strict: Map<DimensionName, string>
  private streams = new Map<DimensionName, () => number>()
  /** The most recent picks, oldest first (capped), to explain a failure under a seed. */
  readonly choices: VariantChoice[] = []

  constructor(option?: VariantsOption) {
    const spec = normaliseSpec(option)
    if (spec?.seed !== undefined && String(spec.seed).trim() === "") throw new RangeError("variants seed must not be empty")
    this.seed = spec?.seed === undefined ? null : String(spec.seed).trim()
    this.strict = spec?.strict === undefined ? new Map() : parseStrict(spec.strict)
  }

  get active(): boolean {
    return this.seed !== null || this.strict.size > 0
  }

  describe(): string {
    const parts: string[] = []
    if (this.seed !== null) parts.push(`seed ${this.seed}`)
    if (this.strict.size > 0) parts.push(`strict ${[...this.strict].map(([d, o]) => `${d}=${o}`).join(",")}`)
    return parts.length > 0 ? parts.join(", ") : "off"
  }

  reset(): void {
    this.streams = new Map()
    this.choices.length = 0
  }

  /** True when this dimension is forced or randomised (i.e. not left to the caller's default). */
  varies(dimension: DimensionName): boolean {
    return this.strict.has(dimension) || this.seed !== null
  }

  /**
   * The option to play for one field. `fallback` is the sandbox's usual
   * guess in this context; it is played when the dimension is not varied.
   */
  pick<D extends DimensionName>(dimension: D, fallback: OptionOf<D>): OptionOf<D> {
    const forced = this.strict.get(dimension)
    let option: string
    if (forced !== undefined) option = forced
    else if (this.seed === null) return fallback
    else {
      const options = (BY_NAME.get(dimension) as VariantDimension).options
      option = options[Math.floor(this.random(dimension) * options.length)].name
    }
    this.record(dimension, option)
    return option as OptionOf<D>
  }

  /** A uniform draw from `list` on the dimension's own stream (e.g. the status for "any"). */
  draw<T>(dimension: DimensionName, list: readonly T[]): T {
    return list[Math.floor(this.random(dimension) * list.length)]
  }

  private random(dimension: DimensionName): number {
    let stream = this.streams.get(dimension)
    if (!stream) {
      stream = prng(hash32(`${this.seed ?? "strict"}|${dimension}`))
      this.streams.set(dimension, stream)
    }
    return stream()
  }

  private record(dimension: DimensionName, option: string): void {
    this.choices.push({ dimension, option })
    if (this.choices.length > LOG_LIMIT) this.choices.splice(0, this.choices.length - LOG_LIMIT)
  }
}

/** Sandbox seeds the test suites run under (the client contract suite runs each one). */
export const VARIANT_TEST_SEEDS = ["athm-1", "athm-2", "athm-3", "athm-4"] as const

/** The table as Markdown, for `--list-variants` and the README. */
export function variantTableMarkdown(): string {
  const lines = ["| Dimension | Option | Seen in |", "|---|---|---|"]
  for (const d of VARIANT_DIMENSIONS) {
    for (const [i, o] of d.options.entries()) lines.push(`| ${i === 0 ? `\`${d.name}\`` : ""} | \`${o.name}\` | ${o.source} |`)
  }
  return lines.join("\n")
}
