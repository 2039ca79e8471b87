/** Every text of `<AthMovilPaymentButton>`, in English and Spanish; override any with `strings`. */
export interface AthMovilButtonStrings {
  phoneLabel: string
  phoneHint: string
  pay: string
  sending: string
  waitingTitle: string
  /** `{last4}` is replaced by the last 4 digits of the phone. */
  waitingBody: string
  /** Screen-reader label of the countdown; `{time}` is replaced by e.g. "4:59". */
  timeLeft: string
  cancel: string
  canceling: string
  changePhone: string
  /** Shown next to the store's offered (saved) phone: makes the phone field editable. */
  useAnotherNumber: string
  newPhoneLabel: string
  sendToNewPhone: string
  keepPhone: string
  approved: string
  completing: string
  done: string
  /** `{reference}` is replaced by the ATH Móvil reference number. */
  reference: string
  rejected: string
  expired: string
  error: string
  tryAgain: string
  cancelFailed: string
  unavailable: string
}

export const ATHMOVIL_BUTTON_STRINGS: Record<"en" | "es", AthMovilButtonStrings> = {
  en: {
    phoneLabel: "ATH Móvil phone number",
    phoneHint: "The 10-digit number of your ATH Móvil account, e.g. 787-555-1234.",
    pay: "Pay with ATH Móvil",
    sending: "Sending to your phone…",
    waitingTitle: "Approve the payment in ATH Móvil",
    waitingBody: "We sent the payment to the phone ending in {last4}. Open ATH Móvil and approve it.",
    timeLeft: "Time left to approve: {time}",
    cancel: "Cancel payment",
    canceling: "Cancelling…",
    changePhone: "Use another phone",
    useAnotherNumber: "Use another number",
    newPhoneLabel: "New ATH Móvil phone number",
    sendToNewPhone: "Send to this phone",
    keepPhone: "Keep the same phone",
    approved: "Approved in ATH Móvil.",
    completing: "Approved. Placing your order…",
    done: "Paid with ATH Móvil.",
    reference: "ATH Móvil reference: {reference}",
    rejected: "The payment was rejected in ATH Móvil.",
    expired: "The payment expired before it was approved in ATH Móvil.",
    error: "The payment could not be processed.",
    tryAgain: "Try again",
    cancelFailed: "The payment could not be cancelled; it may have just been approved.",
    unavailable: "ATH Móvil is not available for this cart.",
  },
  es: {
    phoneLabel: "Teléfono de ATH Móvil",
    phoneHint: "Los 10 dígitos de tu cuenta ATH Móvil, p. ej. 787-555-1234.",
    pay: "Pagar con ATH Móvil",
    sending: "Enviando a tu teléfono…",
    waitingTitle: "Aprueba el pago en ATH Móvil",
    waitingBody: "Enviamos el pago al teléfono terminado en {last4}. Abre ATH Móvil y apruébalo.",
    timeLeft: "Tiempo para aprobar: {time}",
    cancel: "Cancelar pago",
    canceling: "Cancelando…",
    changePhone: "Usar otro teléfono",
    useAnotherNumber: "Usar otro número",
    newPhoneLabel: "Nuevo teléfono de ATH Móvil",
    sendToNewPhone: "Enviar a este teléfono",
    keepPhone: "Mantener el mismo teléfono",
    approved: "Aprobado en ATH Móvil.",
    completing: "Aprobado. Estamos creando tu orden…",
    done: "Pagado con ATH Móvil.",
    reference: "Referencia de ATH Móvil: {reference}",
    rejected: "El pago fue rechazado en ATH Móvil.",
    expired: "El pago expiró antes de ser aprobado en ATH Móvil.",
    error: "No se pudo procesar el pago.",
    tryAgain: "Intentar de nuevo",
    cancelFailed: "No se pudo cancelar el pago; puede que acabe de ser aprobado.",
    unavailable: "ATH Móvil no está disponible para este carrito.",
  },
}

/** `fill("ending in {last4}", { last4: "1234" })` → "ending in 1234". */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? values[name] : whole))
}
