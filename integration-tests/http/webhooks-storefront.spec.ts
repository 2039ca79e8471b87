/**
 * Webhooks, the storefront kit, random input and the sweeps and store routes, on the sandbox's manual clock.
 * One Medusa boot for these suites (helpers/suite-group.ts); each keeps its own seeded database and a
 * reset sandbox. One of them: `npm test -- integration-tests/http/webhooks-storefront.spec.ts -t <suite>`.
 */
import { suiteGroup } from "../helpers/suite-group"

suiteGroup({ clock: "manual" }, {
  "webhooks": () => require("./webhooks.suite"),
  "fuzz": () => require("./fuzz.suite"),
  "storefront-kit": () => require("./storefront-kit.suite"),
  "trust-sweeps-routes": () => require("./trust-sweeps-routes.suite"),
})
