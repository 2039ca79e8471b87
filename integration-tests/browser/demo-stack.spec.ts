/**
 * The merchant's admin and the shopper's demo storefront in Chromium, on one demo stack (what
 * `npm run demo` runs) with ATH's shortest approval window (120 s): the demo's expiring payment
 * starts as soon as the stack is up, the admin's tests and the storefront's purchases run while
 * its window runs out, and the expiry test comes last.
 */
import { useDemoStack } from "../helpers/demo-stack"
import { adminSuite } from "./admin.suite"
import { PAYMENT_TIMEOUT_SECONDS, demoStorefrontSuite, startExpiringPayment } from "./demo.suite"

jest.setTimeout(300_000)

const demo = useDemoStack({ paymentTimeoutSeconds: PAYMENT_TIMEOUT_SECONDS })

beforeAll(() => startExpiringPayment(demo))

describe("ATH Móvil in the Medusa admin", () => adminSuite(demo))

describe("the demo storefront", () => demoStorefrontSuite())
