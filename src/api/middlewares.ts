import { authenticate, defineMiddlewares, validateAndTransformBody } from "@medusajs/framework/http"
import { serialisePaymentRefunds } from "./admin/refund-lock"
import { athMovilSessionInputGuard } from "./store/athmovil/session-guard"
import { ChangePhoneBody } from "./store/athmovil/validators"

export default defineMiddlewares({
  routes: [
    {
      // The saved ATH phone is answered only to the cart's own logged-in customer; anyone else may ask.
      matcher: "/store/athmovil/phone",
      methods: ["GET"],
      middlewares: [authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true })],
    },
    {
      matcher: "/store/athmovil/payment-sessions/:id/phone",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(ChangePhoneBody as never)],
    },
    {
      // Refuse bad ATH Móvil data before Medusa replaces (and cancels) the shopper's open payment.
      matcher: "/store/payment-collections/:id/payment-sessions",
      methods: ["POST"],
      middlewares: [athMovilSessionInputGuard],
    },
    {
      // One refund of a payment at a time, read-refund-write (see refund-lock.ts).
      matcher: "/admin/payments/:id/refund",
      methods: ["POST"],
      middlewares: [serialisePaymentRefunds],
    },
    {
      // The listener reads (and size-limits) the raw body itself.
      matcher: "/hooks/athmovil/:secret",
      methods: ["POST"],
      bodyParser: false,
    },
  ],
})
