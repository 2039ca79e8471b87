import { authenticate, defineMiddlewares, validateAndTransformBody } from "@medusajs/framework/http"
import { serialisePaymentRefunds } from "./admin/refund-lock"
import { athMovilSessionInputGuard } from "./store/athmovil/session-guard"
import { answerShoppersInTheirLanguage } from "./store/athmovil/shopper-answers"
import { ChangePhoneBody } from "./store/athmovil/validators"

export default defineMiddlewares({
  routes: [
    {
      // Errors reach shoppers in their language, addressed to whoever can act (shopper-answers.ts).
      matcher: "/store/athmovil/*",
      middlewares: [answerShoppersInTheirLanguage],
    },
    {
      // Medusa's own route: the payment is authorized at completion, so its ATH failures are the shopper's to read too.
      matcher: "/store/carts/:id/complete",
      methods: ["POST"],
      middlewares: [answerShoppersInTheirLanguage],
    },
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
      middlewares: [answerShoppersInTheirLanguage, athMovilSessionInputGuard],
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
