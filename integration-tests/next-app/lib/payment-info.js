import { athMovilPaymentInfo } from "medusa-payment-athmovil/react"

/** As in the DTC starter's src/lib/constants.tsx, with the plugin's entry added. */
export const paymentInfoMap = {
  pp_athmovil_athmovil: athMovilPaymentInfo,
  pp_system_default: { title: "Manual Payment", icon: null },
}
