/**
 * The sandbox has no customer accounts; the customer behind a phone number
 * gets a stable made-up identity so name/email fields are never ambiguous.
 */

export function customerName(phone: string): string {
  return phone ? `Sandbox Customer ${phone.slice(-4)}` : ""
}

export function customerEmail(phone: string): string {
  return phone ? `customer-${phone}@sandbox.athmovil.test` : ""
}

/** "(787) 123-4567", the format of refund responses, reports, search and refund webhooks. */
export function formatPhone(phone: string): string {
  if (!/^\d{10}$/.test(phone)) return phone
  return `(${phone.slice(0, 3)}) ${phone.slice(3, 6)}-${phone.slice(6)}`
}
