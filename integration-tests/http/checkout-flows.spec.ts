/**
 * Checkout on the sandbox's manual clock: the order after approval, closed tabs, the receipt ATH shows, events.
 * One Medusa boot for these suites (helpers/suite-group.ts); each keeps its own seeded database and a
 * reset sandbox. One of them: `npm test -- integration-tests/http/checkout-flows.spec.ts -t <suite>`.
 */
import { suiteGroup } from "../helpers/suite-group"

suiteGroup({ clock: "manual" }, {
  "checkout": () => require("./checkout.suite"),
  "closed-tab": () => require("./closed-tab.suite"),
  "books-receipt": () => require("./books-receipt.suite"),
  "events": () => require("./events.suite"),
})
