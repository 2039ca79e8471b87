/**
 * What a shopper, a storefront or a webhook may not do: errors, refunds, forged webhooks.
 * One Medusa boot for these suites (helpers/suite-group.ts); each keeps its own seeded database and a
 * reset sandbox. One of them: `npm test -- integration-tests/http/trust.spec.ts -t <suite>`.
 */
import { suiteGroup } from "../helpers/suite-group"

suiteGroup({}, {
  "shopper-errors": () => require("./shopper-errors.suite"),
  "trust-refunds": () => require("./trust-refunds.suite"),
  "trust-webhooks": () => require("./trust-webhooks.suite"),
})
