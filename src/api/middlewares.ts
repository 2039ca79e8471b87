import { defineMiddlewares, validateAndTransformBody } from "@medusajs/framework/http"
import { ChangePhoneBody } from "./store/athmovil/validators"

export default defineMiddlewares({
  routes: [
    {
      matcher: "/store/athmovil/payment-sessions/:id/phone",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(ChangePhoneBody as never)],
    },
    {
      // The listener reads (and size-limits) the raw body itself.
      matcher: "/hooks/athmovil/:secret",
      methods: ["POST"],
      bodyParser: false,
    },
  ],
})
