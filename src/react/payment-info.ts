import { createElement, type ReactElement } from "react"

/**
 * The ATH Móvil entry for a storefront's payment method map, e.g. the DTC starter's
 * `paymentInfoMap` in `src/lib/constants.tsx`:
 *
 * ```tsx
 * import { athMovilPaymentInfo } from "medusa-payment-athmovil/react"
 * export const paymentInfoMap = { …, pp_athmovil_athmovil: athMovilPaymentInfo }
 * ```
 *
 * No hooks here, so server components (the starter's order confirmation page) can import it.
 */
export const athMovilPaymentInfo: { title: string; icon: ReactElement } = {
  title: "ATH Móvil",
  icon: createElement(AthMovilIcon),
}

/** A 20×20 ATH Móvil mark (orange rounded square, white "ATH") that follows the text size. */
export function AthMovilIcon(props: { size?: number | string; className?: string; title?: string }): ReactElement {
  const size = props.size ?? 20
  return createElement(
    "svg",
    {
      width: size,
      height: size,
      viewBox: "0 0 20 20",
      className: props.className,
      role: props.title ? "img" : undefined,
      "aria-hidden": props.title ? undefined : true,
      "aria-label": props.title,
      focusable: "false",
    },
    createElement("rect", { width: 20, height: 20, rx: 4, fill: "#F47B20" }),
    createElement(
      "text",
      { x: 10, y: 13.5, textAnchor: "middle", fontSize: 7.5, fontWeight: 700, fontFamily: "Arial, Helvetica, sans-serif", fill: "#fff" },
      "ATH"
    )
  )
}
