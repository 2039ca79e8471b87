/**
 * On the sandbox's manual clock: checkout (the order after approval, closed tabs, the receipt ATH
 * shows, events), webhooks, the storefront kit, random input, and the sweeps and store routes.
 * One Medusa boot for these suites (helpers/suite-group.ts); each keeps its own seeded database and a
 * reset sandbox. One of them: `npm test -- integration-tests/http/checkout-webhooks.spec.ts -t <suite>`.
 */
import { suiteGroup } from "../helpers/suite-group"

suiteGroup({ clock: "manual" }, {
  "checkout": () => require("./checkout.suite"),
  "closed-tab": () => require("./closed-tab.suite"),
  "books-receipt": () => require("./books-receipt.suite"),
  "events": () => require("./events.suite"),
  "webhooks": () => require("./webhooks.suite"),
  "fuzz": () => require("./fuzz.suite"),
  "storefront-kit": () => require("./storefront-kit.suite"),
  "trust-sweeps-routes": () => require("./trust-sweeps-routes.suite"),
})
