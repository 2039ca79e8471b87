import { defineRouteConfig } from "@medusajs/admin-sdk"
import { CurrencyDollar } from "@medusajs/icons"
import { Container, Heading, Select, Tabs, Text } from "@medusajs/ui"
import { useSearchParams } from "react-router-dom"
import { CustomersPanel } from "../../components/page/customers-panel"
import { ReconciliationPanel } from "../../components/page/reconciliation-panel"
import { RefundsPanel } from "../../components/page/refunds-panel"
import { SettingsPanel } from "../../components/page/settings-panel"
import { TransactionsPanel } from "../../components/page/transactions-panel"
import { WebhookEventsPanel } from "../../components/page/webhook-events-panel"
import { useAthTranslation } from "../../i18n/use-ath-translation"
import { AccountContext } from "../../lib/account"
import { useAccounts, useWebhookEvents } from "../../lib/api"

const TABS = ["transactions", "refunds", "customers", "webhooks", "reconciliation", "settings"] as const
type Tab = (typeof TABS)[number]

/**
 * The merchant's ATH Móvil desk. A store with several ATH Business accounts picks one with the
 * switcher (kept in the URL as `account`); every tab then shows that account only.
 */
const AthMovilPage = () => {
  const [params] = useSearchParams()
  const accounts = useAccounts().data ?? []
  const chosen = params.get("account")
  const account = chosen && accounts.includes(chosen) ? chosen : undefined
  return (
    <AccountContext.Provider value={account}>
      <AccountPage accounts={accounts} selected={account} />
    </AccountContext.Provider>
  )
}

/** `selected`: the account chosen in the URL; none means the first (the server's default). */
const AccountPage = ({ accounts, selected }: { accounts: string[]; selected: string | undefined }) => {
  const { t, locale } = useAthTranslation()
  // Events that used all their attempts wait for a person: the header says how many.
  const failedWebhooks = useWebhookEvents({ outcome: "failed", limit: 1 }).data?.count ?? 0
  // The tab lives in the URL so a reload or a shared link opens the same view.
  const [params, setParams] = useSearchParams()
  const tab: Tab = (TABS as readonly string[]).includes(params.get("tab") ?? "") ? (params.get("tab") as Tab) : "transactions"
  // The tab and the account stay in the URL together.
  const go = (next: { tab?: string; account?: string }) =>
    setParams(
      Object.fromEntries(Object.entries({ tab, account: params.get("account") ?? undefined, ...next }).filter(([, v]) => !!v)) as Record<string, string>,
      { replace: true }
    )
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
            onClick={() => go({ tab: "webhooks" })}
            data-testid="athmovil-failed-webhooks"
          >
            {t("page.failedWebhooks", { count: failedWebhooks })}
          </button>
        ) : null}
        {accounts.length > 1 ? (
          <div className="mt-3 flex items-center gap-x-2">
            <Text size="small" weight="plus" id="athmovil-account-label">
              {t("page.account")}
            </Text>
            <div className="w-64">
              <Select value={selected ?? accounts[0]} onValueChange={(value) => go({ account: value })}>
                <Select.Trigger aria-labelledby="athmovil-account-label" data-testid="athmovil-account-switcher">
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  {accounts.map((id) => (
                    <Select.Item key={id} value={id}>
                      {id.replace(/^pp_athmovil_/, "")}
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select>
            </div>
          </div>
        ) : null}
      </div>
      {/* Keyed by account: a panel's page, filters and open run start over on another account. */}
      <Tabs key={selected ?? "default"} value={tab} onValueChange={(value) => go({ tab: value })}>
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
