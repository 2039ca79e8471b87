import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto"

/**
 * The ATH auth token lets whoever holds it debit the shopper once they approve, and
 * payment-session data is readable by the storefront — so the token is stored sealed
 * with AES-256-GCM. Format: `v1.<iv>.<tag>.<ciphertext>` (base64url parts).
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

  seal(plain: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv("aes-256-gcm", this.key, iv)
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()])
    return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".")
  }

  /** Returns null for anything that was not sealed with this key (tampered, rotated key, garbage). */
  open(sealed: unknown): string | null {
    if (typeof sealed !== "string") return null
    const [version, iv, tag, body] = sealed.split(".")
    if (version !== "v1" || !iv || !tag || !body) return null
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"))
      decipher.setAuthTag(Buffer.from(tag, "base64url"))
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8")
    } catch {
      return null
    }
  }
}
