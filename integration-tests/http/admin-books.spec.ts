/**
 * The admin API and the books: settings, payments, ledger, exports, the ledger at scale, region setup.
 * One Medusa boot for these suites (helpers/suite-group.ts); each keeps its own seeded database and a
 * reset sandbox. One of them: `npm test -- integration-tests/http/admin-books.spec.ts -t <suite>`.
 */
import { suiteGroup } from "../helpers/suite-group"

suiteGroup({}, {
  "admin-athmovil": () => require("./admin-athmovil.suite"),
  "books-admin": () => require("./books-admin.suite"),
  "ledger-scale": () => require("./ledger-scale.suite"),
  "setup-region": () => require("./setup-region.suite"),
})
