/**
 * Admin notices, eligibility, refunds and the returning shopper's phone.
 * One Medusa boot for these suites (helpers/suite-group.ts); each keeps its own seeded database and a
 * reset sandbox. One of them: `npm test -- integration-tests/http/notices-refunds.spec.ts -t <suite>`.
 */
import { suiteGroup } from "../helpers/suite-group"

suiteGroup({}, {
  "admin-notices": () => require("./admin-notices.suite"),
  "eligibility": () => require("./eligibility.suite"),
  "refunds": () => require("./refunds.suite"),
  "returning-phone": () => require("./returning-phone.suite"),
})
