import { randomBytes } from "node:crypto"
import {
  calculateJwkThumbprint,
  errors as joseErrors,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type KeyLike,
} from "jose"
import { ApiError } from "./errors"
import { formatJavaDateAst } from "./pr-time"

export const AUTH_TOKEN_ISSUER = "Process Payment"
export const AUTH_TOKEN_SCOPE = "customer.business.ecommerce.authorization:write"
/** exp − iat of the only real-looking sample (S2): 15 minutes. */
export const AUTH_TOKEN_LIFETIME_SECONDS = 900

/**
 * Per-ticket bearer tokens. The key pair lives only in memory: a token from an
 * earlier sandbox process fails its signature check, like a forged one.
 */
export class AuthTokens {
  private constructor(
    private readonly privateKey: KeyLike,
    private readonly publicKey: KeyLike,
    private readonly kid: string,
  ) {}

  static async create(): Promise<AuthTokens> {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { modulusLength: 2048 })
    const kid = await calculateJwkThumbprint(await exportJWK(publicKey))
    return new AuthTokens(privateKey, publicKey, kid)
  }

  /** Same claim set as ATH's samples, plus `ecommerceId` to bind the token to its ticket. */
  async issue(ecommerceId: string, nowMs: number): Promise<string> {
    const iat = Math.floor(nowMs / 1000)
    return new SignJWT({
      fiId: "",
      azp: [],
      permissions: [AUTH_TOKEN_SCOPE],
      scopes: [AUTH_TOKEN_SCOPE],
      ecommerceId,
    })
      .setProtectedHeader({ kid: this.kid, typ: "JWT", alg: "RS256" })
      .setSubject(randomBytes(48).toString("hex"))
      .setIssuer(AUTH_TOKEN_ISSUER)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(iat + AUTH_TOKEN_LIFETIME_SECONDS)
      .sign(this.privateKey)
  }

  /** Checks the Authorization header and returns the ecommerceId the token was issued for. */
  async verifyHeader(header: string | undefined, nowMs: number): Promise<string> {
    if (header === undefined || header.trim() === "") throw new ApiError("token.invalid.header")
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header)
    if (!m) throw new ApiError("BTRA_0403")
    let payload: Record<string, unknown>
    try {
      const verified = await jwtVerify(m[1], this.publicKey, {
        algorithms: ["RS256"],
        issuer: AUTH_TOKEN_ISSUER,
        currentDate: new Date(nowMs),
      })
      payload = verified.payload
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) {
        const exp = typeof err.payload.exp === "number" ? err.payload.exp * 1000 : nowMs
        throw new ApiError("token.expired", `The Token has expired on ${formatJavaDateAst(exp)}.`)
      }
      throw new ApiError("BTRA_0401")
    }
    const scopes = payload.scopes
    if (!Array.isArray(scopes) || !scopes.includes(AUTH_TOKEN_SCOPE) || typeof payload.ecommerceId !== "string") {
      throw new ApiError("BTRA_0401")
    }
    return payload.ecommerceId
  }
}
