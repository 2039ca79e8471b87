import { defineRouteConfig } from "@medusajs/admin-sdk"
import { CurrencyDollar } from "@medusajs/icons"
import { Container, Heading, Tabs, Text } from "@medusajs/ui"
import { useSearchParams } from "react-router-dom"
import { CustomersPanel } from "../../components/page/customers-panel"
import { ReconciliationPanel } from "../../components/page/reconciliation-panel"
import { RefundsPanel } from "../../components/page/refunds-panel"
import { SettingsPanel } from "../../components/page/settings-panel"
import { TransactionsPanel } from "../../components/page/transactions-panel"
import { WebhookEventsPanel } from "../../components/page/webhook-events-panel"
import { useAthTranslation } from "../../i18n/use-ath-translation"
import { useWebhookEvents } from "../../lib/api"

const TABS = ["transactions", "refunds", "customers", "webhooks", "reconciliation", "settings"] as const
type Tab = (typeof TABS)[number]

/** The merchant's ATH Móvil desk: ledger, webhooks, reconciliation and configuration. */
const AthMovilPage = () => {
  const { t, locale } = useAthTranslation()
  // Events that used all their attempts wait for a person: the header says how many.
  const failedWebhooks = useWebhookEvents({ outcome: "failed", limit: 1 }).data?.count ?? 0
  // The tab lives in the URL so a reload or a shared link opens the same view.
  const [params, setParams] = useSearchParams()
  const tab: Tab = (TABS as readonly string[]).includes(params.get("tab") ?? "") ? (params.get("tab") as Tab) : "transactions"
  const label: Record<Tab, string> = {
    transactions: t("tabs.transactions"),
    refunds: t("tabs.refunds"),
    customers: t("tabs.customers"),
    webhooks: t("tabs.webhooks"),
    reconciliation: t("tabs.reconciliation"),
    settings: t("tabs.settings"),
  }

  return (
    <Container className="divide-y p-0" data-testid="athmovil-page">
      <div className="px-6 py-4">
        <Heading level="h1">{t("page.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("page.subtitle")}
        </Text>
        {failedWebhooks > 0 ? (
          <button
            type="button"
            className="text-ui-fg-error mt-1 text-left text-sm underline-offset-2 hover:underline"
            onClick={() => setParams({ tab: "webhooks" }, { replace: true })}
            data-testid="athmovil-failed-webhooks"
          >
            {t("page.failedWebhooks", { count: failedWebhooks })}
          </button>
        ) : null}
      </div>
      <Tabs value={tab} onValueChange={(value) => setParams({ tab: value }, { replace: true })}>
        <div className="px-6 py-3">
          <Tabs.List>
            {TABS.map((value) => (
              <Tabs.Trigger key={value} value={value} data-testid={`athmovil-tab-${value}`}>
                {label[value]}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
        </div>
        <div className="border-ui-border-base border-t">
          <Tabs.Content value="transactions">
            <TransactionsPanel t={t} locale={locale} />
          </Tabs.Content>
          <Tabs.Content value="refunds">
            <RefundsPanel t={t} locale={locale} />
          </Tabs.Content>
          <Tabs.Content value="customers">
            <CustomersPanel t={t} locale={locale} />
          </Tabs.Content>
          <Tabs.Content value="webhooks">
            <WebhookEventsPanel t={t} locale={locale} />
          </Tabs.Content>
          <Tabs.Content value="reconciliation">
            <ReconciliationPanel t={t} locale={locale} />
          </Tabs.Content>
          <Tabs.Content value="settings">
            <SettingsPanel t={t} locale={locale} />
          </Tabs.Content>
        </div>
      </Tabs>
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "ATH Móvil",
  icon: CurrencyDollar,
})

export default AthMovilPage
