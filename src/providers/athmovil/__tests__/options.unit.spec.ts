import AthMovilProviderService from "../service"
import { findAthMovilProviderEntry, parseAthMovilOptions } from "../options"

const valid = { publicToken: "pub-token", privateToken: "priv-token" }

describe("provider options", () => {
  it("applies ATH's defaults", () => {
    expect(parseAthMovilOptions(valid)).toMatchObject({ paymentTimeoutSeconds: 600, requestTimeoutMs: 15000, webhookRetentionDays: 90 })
    expect(parseAthMovilOptions({ ...valid, webhookRetentionDays: 30 }).webhookRetentionDays).toBe(30)
  })

  it("drops undefined and empty values, as env-driven configs pass them", () => {
    expect(parseAthMovilOptions({ ...valid, apiBaseUrl: undefined, webhookSecret: "" }).apiBaseUrl).toBeUndefined()
  })

  it.each([
    [{}, /publicToken is required/],
    [{ ...valid, paymentTimeoutSeconds: 60 }, /paymentTimeoutSeconds must be between 120 and 600/],
    [{ ...valid, paymentTimeoutSeconds: 601 }, /paymentTimeoutSeconds must be between 120 and 600/],
    [{ ...valid, paymentTimeoutSeconds: 300.5 }, /whole number of seconds/],
    [{ ...valid, requestTimeoutMs: 10 }, /requestTimeoutMs must be between 1000 and 120000/],
    [{ ...valid, apiBaseUrl: "payments.athmovil.com" }, /apiBaseUrl/],
    [{ ...valid, webhookSecret: "short" }, /webhookSecret must be at least 24 characters/],
    [{ ...valid, webhookSecret: "has spaces and is long enough!!" }, /webhookSecret may only contain/],
    [{ publicToken: "pub" }, /set encryptionKey \(32\+ characters\) or privateToken/],
    [{ publicToken: "pub", encryptionKey: "too-short" }, /encryptionKey must be at least 32 characters/],
    [{ ...valid, webhookRetentionDays: 0 }, /webhookRetentionDays must be between 1 and 3650/],
    [{ ...valid, webhookRetentionDays: -5 }, /webhookRetentionDays must be between 1 and 3650/],
    [{ ...valid, webhookRetentionDays: 3651 }, /webhookRetentionDays must be between 1 and 3650/],
    [{ ...valid, webhookRetentionDays: 7.5 }, /webhookRetentionDays must be a whole number of days/],
    [{ ...valid, webhookRetentionDays: "90" }, /webhookRetentionDays must be a number of days/],
  ])("rejects %j with a message naming the option and the rule", (options, message) => {
    expect(() => AthMovilProviderService.validateOptions(options as Record<string, unknown>)).toThrow(message)
  })

  it("never echoes a token value in its message", () => {
    const secret = "super-secret-private-token-value"
    try {
      parseAthMovilOptions({ publicToken: "", privateToken: secret })
      throw new Error("expected a validation error")
    } catch (e) {
      expect((e as Error).message).not.toContain(secret)
    }
  })

  it("finds the provider entry in a Medusa config, wherever the module is declared", () => {
    const config = {
      modules: {
        payment: {
          options: {
            providers: [
              { resolve: "@medusajs/payment-stripe", id: "stripe", options: {} },
              { resolve: "medusa-payment-athmovil/providers/athmovil", id: "ath", options: valid },
            ],
          },
        },
      },
    }
    expect(findAthMovilProviderEntry(config)).toMatchObject({ id: "ath", options: { publicToken: "pub-token" } })
    expect(findAthMovilProviderEntry({ modules: [] })).toBeNull()
  })
})
