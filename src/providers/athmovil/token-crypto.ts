import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto"
import { MedusaError } from "@medusajs/framework/utils"

/** What a sealed token is bound to: it opens only for the same ATH ticket in the same Medusa session. */
export interface SealBinding {
  ecommerceId: string
  sessionId: string
}

const TAG_BYTES = 16
const VERSION = "v2"

/**
 * The ATH auth token lets whoever holds it debit the shopper once they approve, and
 * payment-session data is readable by the storefront — so the token is stored sealed
 * with AES-256-GCM. Format: `v2.<iv>.<tag>.<ciphertext>` (base64url parts).
 *
 * The ticket's ecommerce id and the session id are the associated data: a sealed token copied
 * into another session (or next to another ticket) fails authentication instead of opening.
 * The tag length is fixed at 16 bytes on both sides; left to Node, a decipher accepts a tag
 * shortened to 4 bytes, which makes forgery a matter of 2^32 guesses.
 */
export class TokenSealer {
  private readonly key: Buffer

  constructor(secret: { encryptionKey?: string; privateToken?: string }) {
    const material = secret.encryptionKey ?? secret.privateToken
    if (!material) {
      throw new Error("TokenSealer needs encryptionKey or privateToken")
    }
    // HKDF keeps the derived key unrelated to the private token even if one leaks.
    this.key = Buffer.from(
      hkdfSync("sha256", material, "medusa-payment-athmovil", secret.encryptionKey ? "auth-token:key" : "auth-token:private", 32)
    )
  }

  seal(plain: string, binding: SealBinding): string {
    if (!binding.ecommerceId) throw new Error("TokenSealer.seal needs the ticket's ecommerceId to bind the token to")
    const iv = randomBytes(12)
    const cipher = createCipheriv("aes-256-gcm", this.key, iv, { authTagLength: TAG_BYTES })
    cipher.setAAD(associatedData(binding))
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()])
    return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".")
  }

  /**
   * Returns null for anything that was not sealed with this key for this ticket and session
   * (tampered, rotated key, copied from another session, garbage).
   *
   * Throws for a token in the earlier, unbound `v1` format: it is refused on purpose (it could
   * have been copied from any session), and an open ticket lives at most 10 minutes, so only
   * payments started before the upgrade and approved after it are affected — not debited, they
   * expire at ATH and the shopper pays again.
   */
  open(sealed: unknown, binding: SealBinding): string | null {
    if (typeof sealed !== "string") return null
    const [version, iv, tag, body, extra] = sealed.split(".")
    if (version === "v1") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "This ATH Móvil payment was started by an earlier version of the payment plugin and cannot be completed after the upgrade; nothing was charged. Start a new payment."
      )
    }
    if (version !== VERSION || !iv || !tag || !body || extra !== undefined || !binding.ecommerceId) return null
    const tagBytes = Buffer.from(tag, "base64url")
    if (tagBytes.length !== TAG_BYTES) return null
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"), { authTagLength: TAG_BYTES })
      decipher.setAAD(associatedData(binding))
      decipher.setAuthTag(tagBytes)
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8")
    } catch {
      return null
    }
  }
}

/** JSON keeps the two ids unambiguous ("a|b" + "c" never equals "a" + "b|c"). */
function associatedData({ ecommerceId, sessionId }: SealBinding): Buffer {
  return Buffer.from(JSON.stringify(["medusa-payment-athmovil:auth-token", ecommerceId, sessionId ?? ""]), "utf8")
}
