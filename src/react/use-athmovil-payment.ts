"use client"
import { useEffect, useRef, useSyncExternalStore } from "react"
import {
  createAthMovilPaymentController,
  type AthMovilPaymentController,
  type AthMovilPaymentOptions,
  type AthMovilPaymentState,
} from "./controller"

export interface UseAthMovilPayment<TResult = unknown> extends AthMovilPaymentState<TResult> {
  start: AthMovilPaymentController<TResult>["start"]
  cancel: AthMovilPaymentController<TResult>["cancel"]
  changePhone: AthMovilPaymentController<TResult>["changePhone"]
  reset: AthMovilPaymentController<TResult>["reset"]
}

/**
 * The ATH Móvil payment of one cart: `start(phone)` sends the request, the state counts down while
 * the shopper approves in the app, then the order is placed (`complete`, by default in the
 * browser). Status: idle → waiting → approved → completing → done | rejected | expired | error.
 *
 * Works with React 18 and 19 (`useSyncExternalStore`); unmounting stops the polling, never the
 * payment. A new `cart.id` gives a new payment.
 */
export function useAthMovilPayment<TResult = unknown>(options: AthMovilPaymentOptions<TResult>): UseAthMovilPayment<TResult> {
  const ref = useRef<{ cartId: string; controller: AthMovilPaymentController<TResult> } | null>(null)
  if (!ref.current || ref.current.cartId !== options.cart.id) {
    ref.current = { cartId: options.cart.id, controller: createAthMovilPaymentController(options) }
  }
  const controller = ref.current.controller
  // Callbacks may be new on every render; the controller always reads the latest.
  controller.setOptions(options)
  useEffect(() => controller.attach(), [controller])
  const state = useSyncExternalStore(controller.subscribe, controller.getState, controller.getState)
  return {
    ...state,
    start: controller.start,
    cancel: controller.cancel,
    changePhone: controller.changePhone,
    reset: controller.reset,
  }
}
