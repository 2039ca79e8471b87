/**
 * A local, faithful stand-in for ATH Móvil's Payment Button API, webhooks and
 * legacy v4 services, written from the public API reference only (it shares
 * no code with the plugin's client on purpose).
 */
export { startSandbox } from "./sandbox"
export { SANDBOX_DEFAULT_TOKENS } from "./merchants"
export { SandboxError, API_ERROR_STATUS, type ApiErrorCode } from "./errors"
export { AUTH_TOKEN_ISSUER, AUTH_TOKEN_LIFETIME_SECONDS, AUTH_TOKEN_SCOPE } from "./tokens"
export { SANDBOX_ROUTES } from "./types"
export {
  VARIANT_DIMENSIONS,
  VARIANT_TEST_SEEDS,
  Variants,
  parseStrict,
  variantTableMarkdown,
  type DimensionName,
  type VariantChoice,
  type VariantsOption,
  type VariantsSpec,
} from "./variants"
export type {
  AppWebhookKind,
  AthSandbox,
  CancelledBy,
  RefundSnapshot,
  RefundWebhookReference,
  RequestLogEntry,
  SandboxFault,
  SandboxItem,
  SandboxMerchant,
  SandboxOptions,
  SandboxRoute,
  TicketSnapshot,
  TicketStatus,
  WebhookBehaviour,
  WebhookDelivery,
  WebhookEventName,
  WebhookGeneration,
} from "./types"
