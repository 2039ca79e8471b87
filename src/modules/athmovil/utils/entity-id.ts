import { randomBytes } from "node:crypto"

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

/**
 * `prefix_` + a ULID (48-bit time, 80 random bits, Crockford base32): the shape Medusa's
 * `generateEntityId` produces, from one random read where it makes sixteen. The webhook
 * listener takes one per delivery, and those reads were a measurable share of its time.
 */
export function entityId(prefix: string, now = Date.now()): string {
  let time = ""
  for (let i = 0, t = now; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time
  let random = ""
  let acc = 0
  let bits = 0
  for (const byte of randomBytes(10)) {
    acc = (acc << 8) | byte
    bits += 8
    while (bits >= 5) {
      bits -= 5
      random += CROCKFORD[(acc >> bits) & 31]
    }
    acc &= (1 << bits) - 1
  }
  return `${prefix}_${time}${random}`
}
