"use client"
/**
 * `<AthMovilPaymentButton>`: phone field, "Pay with ATH Móvil", the countdown while the shopper
 * approves in the app, cancel, change phone, and the outcome, in English or Spanish. Written with
 * `createElement` (no JSX) so it makes no assumption about the app's JSX runtime, React 18 or 19.
 * Unstyled: style it through `className` and the `data-athmovil` attributes, or take over the
 * markup with a render function as `children`.
 */
import { createElement as h, useEffect, useId, useRef, useState, type FormEvent, type ReactElement, type ReactNode } from "react"
import { athMovilErrorMessage, formatAthMovilCountdown, type AthMovilEligibility, type AthMovilSavedPhone } from "../storefront"
import type { AthMovilPaymentOptions } from "./controller"
import { ATHMOVIL_BUTTON_STRINGS, fill, type AthMovilButtonStrings } from "./strings"
import { useAthMovilEligibility } from "./use-athmovil-eligibility"
import { useAthMovilPayment, type UseAthMovilPayment } from "./use-athmovil-payment"
import { useAthMovilSavedPhone } from "./use-athmovil-saved-phone"

export interface AthMovilPaymentButtonRenderProps<TResult = unknown> extends UseAthMovilPayment<TResult> {
  strings: AthMovilButtonStrings
  locale: "en" | "es"
  /** The eligibility answer (null while unknown or when not checked). */
  eligibility: AthMovilEligibility | null
  /** The customer's saved ATH phone, masked (null if none): `start()` with no number sends to it. */
  savedPhone: AthMovilSavedPhone | null
}

export interface AthMovilPaymentButtonProps<TResult = unknown> extends AthMovilPaymentOptions<TResult> {
  /** Language of every text (default "en"). */
  locale?: "en" | "es"
  /** Replace any text. */
  strings?: Partial<AthMovilButtonStrings>
  /** Prefills the phone field, e.g. the cart's shipping address phone. */
  defaultPhone?: string | null
  /**
   * Eligibility of the cart: by default the button asks `GET /store/athmovil/eligibility` itself
   * (again when `eligibilityKey`, e.g. the cart total, changes); pass an answer you already have,
   * or `false` not to check.
   */
  eligibility?: AthMovilEligibility | null | false
  eligibilityKey?: unknown
  /**
   * The logged-in customer's saved ATH phone (masked): by default the button asks
   * `GET /store/athmovil/phone` and, when it answers `source: "saved"`, prefills it read-only with
   * "Use another number" to type one; pass an answer you already have, or `false` not to offer one.
   */
  savedPhone?: AthMovilSavedPhone | null | false
  /** Class of the outer element. */
  className?: string
  /** Take over the markup: receives the state, the actions and the texts. */
  children?: (props: AthMovilPaymentButtonRenderProps<TResult>) => ReactNode
}

export function AthMovilPaymentButton<TResult = unknown>(props: AthMovilPaymentButtonProps<TResult>): ReactElement {
  const locale = props.locale === "es" ? "es" : "en"
  const strings: AthMovilButtonStrings = { ...ATHMOVIL_BUTTON_STRINGS[locale], ...props.strings }
  // The store answers in the button's language, so its messages and the button's texts agree.
  const payment = useAthMovilPayment<TResult>({ ...props, locale })
  const checked = useAthMovilEligibility(props.sdk, props.eligibility === undefined ? props.cart.id : null, {
    locale,
    key: props.eligibilityKey,
  })
  const eligibility = props.eligibility === undefined ? checked.eligibility : props.eligibility || null
  const offered = useAthMovilSavedPhone(props.sdk, props.savedPhone === undefined ? props.cart.id : null)
  const given = props.savedPhone === undefined ? offered.savedPhone : props.savedPhone || null
  // Only the saved ATH phone is prefilled masked: the storefront does not know it. A cart address
  // phone it does know, and passes as `defaultPhone` (an editable field, sent as typed).
  const savedPhone = given?.phoneMasked && given.source === "saved" ? given : null

  const render = props.children
  const body = render
    ? render({ ...payment, strings, locale, eligibility, savedPhone })
    : h(DefaultView, { payment, strings, locale, eligibility, savedPhone, defaultPhone: props.defaultPhone ?? "" })
  return h(
    "div",
    { className: props.className, "data-athmovil": "payment", "data-athmovil-state": payment.status, "data-testid": "athmovil-payment" },
    body
  )
}

function DefaultView(p: {
  payment: UseAthMovilPayment<unknown>
  strings: AthMovilButtonStrings
  locale: "en" | "es"
  eligibility: AthMovilEligibility | null
  savedPhone: AthMovilSavedPhone | null
  defaultPhone: string
}): ReactElement {
  const { payment, strings: s, locale, eligibility } = p
  const id = useId()
  const [phone, setPhone] = useState(p.defaultPhone)
  const [newPhone, setNewPhone] = useState("")
  const [changing, setChanging] = useState(false)
  // The store's offered phone is shown masked and sent as "no number" (the server uses it);
  // "Use another number" turns the field into a normal, empty one.
  const [typeAnother, setTypeAnother] = useState(false)
  const prefilled = !typeAnother && !!p.savedPhone?.phoneMasked
  const phoneInput = useRef<HTMLInputElement | null>(null)
  const newPhoneInput = useRef<HTMLInputElement | null>(null)
  const status = payment.status

  // Keyboard users land where the next action is: back on the phone field after "Try again" or a
  // cancel, on the new-number field when they chose to change it.
  const previous = useRef(status)
  useEffect(() => {
    if (status === "idle" && previous.current !== "idle") phoneInput.current?.focus()
    previous.current = status
  }, [status])
  useEffect(() => {
    if (changing) newPhoneInput.current?.focus()
  }, [changing])
  useEffect(() => {
    if (typeAnother) phoneInput.current?.focus()
  }, [typeAnother])
  useEffect(() => {
    if (status !== "waiting") setChanging(false)
  }, [status])

  const phoneError = payment.errorCode === "invalid_phone" ? athMovilErrorMessage(payment.error, locale) : null
  const alert = (text: string | null, testId: string) =>
    text ? h("p", { id: `${id}-error`, role: "alert", "data-athmovil": "error", "data-testid": testId }, text) : null

  if (status === "idle") {
    const ineligible = eligibility && !eligibility.eligible ? eligibility : null
    const sending = payment.pending === "start"
    const describedBy = [`${id}-hint`, phoneError || payment.error ? `${id}-error` : "", ineligible ? `${id}-ineligible` : ""]
      .filter(Boolean)
      .join(" ")
    return h(
      "form",
      {
        noValidate: true,
        "data-athmovil": "phone-form",
        "aria-busy": sending || undefined,
        onSubmit: (e: FormEvent) => {
          e.preventDefault()
          void (prefilled ? payment.start() : payment.start(phone))
        },
      },
      h("label", { htmlFor: `${id}-phone`, "data-athmovil": "label" }, s.phoneLabel),
      h("input", {
        id: `${id}-phone`,
        ref: phoneInput,
        type: "tel",
        name: "athmovil_phone",
        inputMode: "tel",
        autoComplete: "tel-national",
        required: true,
        value: prefilled ? (p.savedPhone?.phoneMasked ?? "") : phone,
        readOnly: prefilled || undefined,
        "data-athmovil-saved": prefilled ? p.savedPhone?.source ?? "" : undefined,
        disabled: sending || !!ineligible,
        "aria-invalid": phoneError ? true : undefined,
        "aria-describedby": describedBy,
        "data-testid": "athmovil-phone-input",
        onChange: (e: { target: { value: string } }) => {
          setPhone(e.target.value)
          if (payment.errorCode === "invalid_phone") payment.reset()
        },
      }),
      prefilled
        ? h(
            "button",
            { type: "button", disabled: sending, onClick: () => setTypeAnother(true), "data-testid": "athmovil-use-another-number" },
            s.useAnotherNumber
          )
        : null,
      h("p", { id: `${id}-hint`, "data-athmovil": "hint" }, s.phoneHint),
      alert(phoneError ?? (payment.error ? athMovilErrorMessage(payment.error, locale) : null), "athmovil-error"),
      ineligible
        ? h(
            "div",
            { id: `${id}-ineligible`, role: "note", "data-athmovil": "ineligible", "data-testid": "athmovil-ineligible" },
            h("p", null, s.unavailable),
            h(
              "ul",
              null,
              ineligible.reasons.map((r) => h("li", { key: r.code, "data-reason": r.code }, r.message))
            )
          )
        : null,
      h(
        "button",
        { type: "submit", disabled: sending || !!ineligible, "aria-disabled": !!ineligible || undefined, "data-testid": "athmovil-pay-button" },
        sending ? s.sending : s.pay
      )
    )
  }

  if (status === "waiting") {
    const time = formatAthMovilCountdown(payment.secondsLeft ?? 0)
    const busy = payment.pending !== null
    const actionError = !payment.error
      ? null
      : payment.failedAction === "cancel"
        ? s.cancelFailed
        : athMovilErrorMessage(payment.error, locale)
    return h(
      "section",
      { "aria-labelledby": `${id}-title`, "data-athmovil": "waiting", "aria-busy": busy || undefined },
      h("p", { id: `${id}-title`, role: "status", "data-athmovil": "title", "data-testid": "athmovil-waiting" }, h("strong", null, s.waitingTitle)),
      h(
        "p",
        { "data-athmovil": "body", "data-testid": "athmovil-waiting-body" },
        fill(s.waitingBody, { last4: payment.phoneLast4 ?? "" })
      ),
      // The timer is not a live region: a screen reader would read it every second.
      h(
        "p",
        { role: "timer", "aria-label": fill(s.timeLeft, { time }), "data-athmovil": "countdown", "data-testid": "athmovil-countdown" },
        time
      ),
      alert(actionError, "athmovil-error"),
      changing
        ? h(
            "form",
            {
              noValidate: true,
              "data-athmovil": "change-phone-form",
              onSubmit: (e: FormEvent) => {
                e.preventDefault()
                void payment.changePhone(newPhone).then(() => setNewPhone(""))
              },
            },
            h("label", { htmlFor: `${id}-new-phone` }, s.newPhoneLabel),
            h("input", {
              id: `${id}-new-phone`,
              ref: newPhoneInput,
              type: "tel",
              name: "athmovil_new_phone",
              inputMode: "tel",
              autoComplete: "tel-national",
              value: newPhone,
              disabled: busy,
              "aria-invalid": phoneError ? true : undefined,
              "aria-describedby": phoneError ? `${id}-error` : undefined,
              "data-testid": "athmovil-new-phone-input",
              onChange: (e: { target: { value: string } }) => setNewPhone(e.target.value),
            }),
            h("button", { type: "submit", disabled: busy, "data-testid": "athmovil-send-new-phone" }, s.sendToNewPhone),
            h("button", { type: "button", disabled: busy, onClick: () => setChanging(false), "data-testid": "athmovil-keep-phone" }, s.keepPhone)
          )
        : h(
            "button",
            { type: "button", disabled: busy, onClick: () => setChanging(true), "data-testid": "athmovil-change-phone" },
            s.changePhone
          ),
      h(
        "button",
        { type: "button", disabled: busy, onClick: () => void payment.cancel(), "data-testid": "athmovil-cancel" },
        payment.pending === "cancel" ? s.canceling : s.cancel
      )
    )
  }

  if (status === "approved" || status === "completing") {
    return h(
      "p",
      { role: "status", "aria-busy": true, "data-athmovil": "completing", "data-testid": "athmovil-completing" },
      status === "approved" ? s.approved : s.completing
    )
  }

  if (status === "done") {
    return h(
      "div",
      { "data-athmovil": "done" },
      h("p", { role: "status", "data-testid": "athmovil-done" }, s.done),
      payment.referenceNumber
        ? h("p", { "data-testid": "athmovil-reference" }, fill(s.reference, { reference: payment.referenceNumber }))
        : null
    )
  }

  // rejected | expired | error
  const message =
    status === "rejected" ? s.rejected : status === "expired" ? s.expired : `${s.error} ${athMovilErrorMessage(payment.error, locale)}`
  return h(
    "div",
    { "data-athmovil": status },
    h("p", { role: "alert", "data-testid": `athmovil-${status}` }, message),
    h("button", { type: "button", onClick: () => payment.reset(), "data-testid": "athmovil-try-again" }, s.tryAgain)
  )
}
