import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { ArrowPath } from "@medusajs/icons"
import { Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { DetailRow } from "../components/detail-row"
import { ReceiptItems } from "../components/receipt-items"
import { RefundHistory } from "../components/refund-history"
import { AthStatusBadge } from "../components/status-badges"
import { WebhookTimeline } from "../components/webhook-timeline"
import { useAthTranslation } from "../i18n/use-ath-translation"
import { errorMessage, usePaymentView, useRefreshPayment } from "../lib/api"
import { formatDateTime, formatMoney, shorten } from "../lib/format"

type OrderPayment = { id: string; provider_id: string; refunds?: Array<{ id: string }> | null }

/** The order's ATH Móvil payments (normally one); other providers' payments are not this widget's. */
function athPayments(order: AdminOrder): OrderPayment[] {
  const collections = (order.payment_collections ?? []) as Array<{ payments?: OrderPayment[] | null }>
  return collections.flatMap((pc) => pc.payments ?? []).filter((p) => p.provider_id?.startsWith("pp_athmovil_"))
}

function AthPaymentCard({ payment, currency }: { payment: OrderPayment; currency: string }) {
  const { t, locale } = useAthTranslation()
  // The dashboard reloads the order after a refund; a new refund id makes the widget reload too.
  const version = (payment.refunds ?? []).map((r) => r.id).join(",")
  const { data, isPending, isError, error } = usePaymentView(payment.id, version)
  const refresh = useRefreshPayment(payment.id)
  const view = data?.payment
  const ath = view?.ath
  const money = (value: string | null | undefined) => formatMoney(value, view?.currency_code ?? currency, locale)

  const onRefresh = () =>
    refresh.mutate(undefined, {
      onSuccess: () => toast.success(t("widget.refreshed")),
      onError: (e) => toast.error(t("widget.refreshFailed"), { description: errorMessage(e) }),
    })

  return (
    <Container className="divide-y p-0" data-testid="athmovil-widget" data-payment-id={payment.id}>
      <div className="flex items-center justify-between gap-x-2 px-6 py-4">
        <Heading level="h2">{t("widget.title")}</Heading>
        {ath ? <AthStatusBadge status={ath.status} t={t} /> : null}
      </div>

      {isPending ? (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            {t("widget.loading")}
          </Text>
        </div>
      ) : isError ? (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-error" data-testid="athmovil-error">
            {t("widget.error", { message: errorMessage(error) })}
          </Text>
        </div>
      ) : !ath ? (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            {t("widget.notFound")}
          </Text>
        </div>
      ) : (
        <>
          <div className="py-2">
            <DetailRow
              label={t("field.referenceNumber")}
              value={<span className="font-mono">{shorten(ath.reference_number, 10, 6)}</span>}
              copy={ath.reference_number}
              testId="athmovil-reference-number"
            />
            <DetailRow
              label={t("field.ecommerceId")}
              value={<span className="font-mono">{shorten(ath.ecommerce_id, 8, 4)}</span>}
              copy={ath.ecommerce_id}
              testId="athmovil-ecommerce-id"
            />
            <DetailRow label={t("field.dailyTransactionId")} value={ath.daily_transaction_id ?? "—"} testId="athmovil-daily-id" />
            <DetailRow label={t("field.transactionDate")} value={formatDateTime(ath.transaction_date, locale)} testId="athmovil-transaction-date" />
            <DetailRow label={t("field.customer")} value={ath.customer_name ?? "—"} testId="athmovil-customer" />
            <DetailRow label={t("field.phone")} value={ath.customer_phone ?? "—"} testId="athmovil-phone" />
          </div>

          <ReceiptItems items={ath.items ?? []} currency={view.currency_code} locale={locale} t={t} />
          <div className="py-2">
            <DetailRow label={t("field.subtotal")} value={money(ath.subtotal)} testId="athmovil-subtotal" />
            <DetailRow label={t("field.ivu")} value={money(ath.tax)} testId="athmovil-ivu" />
            <DetailRow label={t("field.total")} value={money(ath.total)} testId="athmovil-total" />
            <DetailRow label={t("field.fee")} value={money(ath.fee)} testId="athmovil-fee" />
            <DetailRow label={t("field.net")} value={money(ath.net_amount)} testId="athmovil-net" />
            <DetailRow label={t("field.refundedTotal")} value={money(ath.refunded_total)} testId="athmovil-refunded-total" />
            <DetailRow label={t("field.remaining")} value={money(ath.remaining_refundable)} testId="athmovil-remaining" strong />
          </div>

          <RefundHistory refunds={view.refunds} currency={view.currency_code} locale={locale} t={t} />
          <WebhookTimeline events={view.webhook_events} locale={locale} t={t} />
        </>
      )}

      <div className="flex flex-col gap-y-1 px-6 py-4">
        <Button
          size="small"
          variant="secondary"
          className="w-full"
          onClick={onRefresh}
          isLoading={refresh.isPending}
          disabled={isPending}
          data-testid="athmovil-refresh"
        >
          <ArrowPath />
          {t("widget.refresh")}
        </Button>
        {ath?.last_synced_at ? (
          <Text size="xsmall" className="text-ui-fg-muted text-center">
            {t("field.lastSynced")}: {formatDateTime(ath.last_synced_at, locale)}
          </Text>
        ) : null}
      </div>
    </Container>
  )
}

/** ATH Móvil details of an order paid with ATH Móvil; renders nothing for other orders. */
const AthMovilOrderPaymentWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const payments = athPayments(order)
  if (!payments.length) return null
  return (
    <>
      {payments.map((p) => (
        <AthPaymentCard key={p.id} payment={p} currency={order.currency_code} />
      ))}
    </>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side.after",
  id: "athmovil:order-payment",
})

export default AthMovilOrderPaymentWidget
