import { Badge, Button, Text, toast } from "@medusajs/ui"
import type { ReactNode } from "react"
import type { AthTranslate } from "../../i18n/use-ath-translation"
import { errorMessage, useSettings, useSubscribeWebhooks } from "../../lib/api"
import { formatDateTime } from "../../lib/format"
import { CheckHeader } from "./check-header"
import { GoLiveCard } from "./go-live-card"
import type { TokenState } from "../../lib/types"

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,2fr)] items-center gap-x-4 px-6 py-3">
      <Text size="small" leading="compact" className="text-ui-fg-subtle">
        {label}
      </Text>
      <div className="min-w-0 break-all text-sm" data-testid={testId}>
        {children}
      </div>
    </div>
  )
}

function Configured({ on, t, offLabel }: { on: boolean; t: AthTranslate; offLabel?: string }) {
  return (
    <Badge size="2xsmall" color={on ? "green" : "grey"}>
      {on ? t("settings.configured") : offLabel ?? t("settings.notConfigured")}
    </Badge>
  )
}

const TOKEN_COLORS: Record<TokenState, "green" | "red" | "grey" | "orange"> = {
  ok: "green",
  rejected: "red",
  not_configured: "grey",
  unreachable: "orange",
}

/** What is configured (never a secret value), whether ATH accepts the tokens, and webhook subscription. */
export function SettingsPanel({ t, locale }: { t: AthTranslate; locale: string }) {
  const { data, isPending, isError, error, refetch, isFetching } = useSettings()
  const subscribe = useSubscribeWebhooks()
  if (isPending) return <Text className="text-ui-fg-subtle px-6 py-4">…</Text>
  if (isError || !data) {
    return (
      <Text size="small" className="text-ui-fg-error px-6 py-4">
        {t("error.generic", { message: errorMessage(error) })}
      </Text>
    )
  }
  const s = data.settings
  const check = data.token_check
  const onSubscribe = () =>
    subscribe.mutate(undefined, {
      onSuccess: (res) => toast.success(t("settings.subscribed", { url: res.listener_url })),
      onError: (e) => toast.error(t("settings.subscribeFailed"), { description: errorMessage(e) }),
    })

  return (
    <div className="flex flex-col divide-y">
      <div className="px-6 py-4">
        <Text size="small" leading="compact" weight="plus">
          {t("settings.title")}
        </Text>
        <Text size="small" className="text-ui-fg-subtle">
          {t("settings.hint")}
        </Text>
      </div>
      <div className="divide-y">
        <Row label={t("settings.publicToken")} testId="athmovil-settings-public-token">
          <Configured on={s.public_token_configured} t={t} />
        </Row>
        <Row label={t("settings.privateToken")} testId="athmovil-settings-private-token">
          <Configured on={s.private_token_configured} t={t} />
        </Row>
        <Row label={t("settings.webhookSecret")} testId="athmovil-settings-webhook-secret">
          <Configured on={s.webhook_secret_configured} t={t} />
        </Row>
        <Row label={t("settings.encryptionKey")}>
          <Configured on={s.encryption_key_configured} t={t} offLabel={s.private_token_configured ? t("settings.derived") : undefined} />
        </Row>
        <Row label={t("settings.apiBaseUrl")} testId="athmovil-settings-api-url">
          {s.uses_production ? t("settings.production") : <span className="font-mono text-xs">{s.api_base_url}</span>}
        </Row>
        <Row label={t("settings.reportBaseUrl")}>
          <span className="font-mono text-xs">{s.report_base_url}</span>
        </Row>
        <Row label={t("settings.publicBaseUrl")}>
          {s.public_base_url ? <span className="font-mono text-xs">{s.public_base_url}</span> : "—"}
        </Row>
        <Row label={t("settings.timeout")}>{t("settings.seconds", { count: s.payment_timeout_seconds })}</Row>
        <Row label={t("settings.listenerUrl")} testId="athmovil-settings-listener-url">
          {s.listener_url ? <span className="font-mono text-xs">{s.listener_url}</span> : <span className="text-ui-fg-subtle">{t("settings.noListener")}</span>}
        </Row>
      </div>

      <div className="flex flex-col gap-y-3 px-6 py-4">
        <CheckHeader
          title={t("settings.tokenCheck")}
          hint={t("settings.tokenCheckHint")}
          runLabel={t("settings.recheck")}
          onRun={() => refetch()}
          running={isFetching}
        />
        {check ? (
          <div className="flex flex-col gap-y-2">
            <div className="flex items-center gap-x-2">
              <Text size="small" className="w-32">
                {t("settings.publicToken")}
              </Text>
              <Badge size="2xsmall" color={TOKEN_COLORS[check.public_token]} data-testid="athmovil-token-public" data-state={check.public_token}>
                {t(`token.${check.public_token}`)}
              </Badge>
            </div>
            <div className="flex items-center gap-x-2">
              <Text size="small" className="w-32">
                {t("settings.privateToken")}
              </Text>
              <Badge size="2xsmall" color={TOKEN_COLORS[check.private_token]} data-testid="athmovil-token-private" data-state={check.private_token}>
                {t(`token.${check.private_token}`)}
              </Badge>
            </div>
            {check.message ? (
              <Text size="small" className="text-ui-fg-error">
                {check.message}
              </Text>
            ) : null}
            <Text size="xsmall" className="text-ui-fg-muted">
              {formatDateTime(check.checked_at, locale)} · {check.duration_ms} ms
            </Text>
          </div>
        ) : null}
      </div>

      <div className="flex justify-end px-6 py-4">
        <Button
          size="small"
          onClick={onSubscribe}
          isLoading={subscribe.isPending}
          disabled={!s.features.webhooks}
          data-testid="athmovil-subscribe"
        >
          {t("settings.subscribe")}
        </Button>
      </div>

      <GoLiveCard t={t} locale={locale} />
    </div>
  )
}
