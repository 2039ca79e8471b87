/**
 * The admin API and the books (settings, payments, ledger, exports, the ledger at scale, region
 * setup), and what a shopper, a storefront or a webhook may not do (errors, refunds, forged webhooks).
 * One Medusa boot for these suites (helpers/suite-group.ts); each keeps its own seeded database and a
 * reset sandbox. One of them: `npm test -- integration-tests/http/admin-trust.spec.ts -t <suite>`.
 * shopper-errors and notices-refunds.spec.ts's admin-notices both meet ATH refusing the store's
 * tokens, which a process reports once per 10 minutes: they run on different boots.
 */
import { suiteGroup } from "../helpers/suite-group"

suiteGroup({}, {
  "admin-athmovil": () => require("./admin-athmovil.suite"),
  "books-admin": () => require("./books-admin.suite"),
  "ledger-scale": () => require("./ledger-scale.suite"),
  "setup-region": () => require("./setup-region.suite"),
  "shopper-errors": () => require("./shopper-errors.suite"),
  "trust-refunds": () => require("./trust-refunds.suite"),
  "trust-webhooks": () => require("./trust-webhooks.suite"),
})
