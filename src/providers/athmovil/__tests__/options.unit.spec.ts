import AthMovilProviderService from "../service"
import { accountByWebhookSecret, listAthMovilAccounts, resolveAthMovil } from "../container"
import { findAthMovilProviderEntries, parseAthMovilOptions } from "../options"

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

  it("finds every provider entry in a Medusa config, wherever the module is declared, in config order", () => {
    const config = {
      modules: {
        payment: {
          options: {
            providers: [
              { resolve: "@medusajs/payment-stripe", id: "stripe", options: {} },
              { resolve: "medusa-payment-athmovil/providers/athmovil", id: "ath", options: valid },
              { resolve: "medusa-payment-athmovil/providers/athmovil", id: "brand-b", options: { publicToken: "pub-b", privateToken: "priv-b" } },
            ],
          },
        },
      },
    }
    expect(findAthMovilProviderEntries(config)).toEqual([
      expect.objectContaining({ id: "ath", providerId: "pp_athmovil_ath", options: expect.objectContaining({ publicToken: "pub-token" }) }),
      expect.objectContaining({ id: "brand-b", providerId: "pp_athmovil_brand-b", options: expect.objectContaining({ publicToken: "pub-b" }) }),
    ])
    expect(findAthMovilProviderEntries({ modules: [] })).toEqual([])
  })

  describe("several accounts", () => {
    const SECRET = "shared-webhook-secret-0123456789"
    const configOf = (a: Record<string, unknown>, b: Record<string, unknown>, ids = ["brand-a", "brand-b"]) => ({
      modules: [
        {
          resolve: "@medusajs/medusa/payment",
          options: {
            providers: [
              { resolve: "medusa-payment-athmovil/providers/athmovil", id: ids[0], options: a },
              { resolve: "medusa-payment-athmovil/providers/athmovil", id: ids[1], options: b },
            ],
          },
        },
      ],
    })
    const resolver = (config: unknown) => ({ resolve: (key: string) => (key === "configModule" ? config : undefined) as never })

    it.each([
      ["webhookSecret", { ...valid, webhookSecret: SECRET }, { publicToken: "pub-b", privateToken: "priv-b", webhookSecret: SECRET }],
      ["publicToken", valid, { ...valid, privateToken: "other" }],
    ])("refuses two accounts sharing a %s, naming both entries and never the value", (option, a, b) => {
      const run = () => findAthMovilProviderEntries(configOf(a, b))
      expect(run).toThrow(new RegExp(`"brand-a" and "brand-b" have the same ${option}`))
      try {
        run()
      } catch (e) {
        expect((e as Error).message).not.toContain(SECRET)
        expect((e as Error).message).not.toContain("pub-token")
      }
    })

    it("stops Medusa as it builds the provider when two accounts collide", () => {
      const configModule = configOf({ ...valid, webhookSecret: SECRET }, { publicToken: "pub-b", privateToken: "priv-b", webhookSecret: SECRET })
      expect(() => new AthMovilProviderService({ logger: console, configModule } as never, valid)).toThrow(/same webhookSecret/)
    })

    it("refuses two entries with the same id", () => {
      expect(() => findAthMovilProviderEntries(configOf(valid, { publicToken: "pub-b", privateToken: "p" }, ["x", "x"]))).toThrow(/two entries have the id "x"/)
    })

    it("resolves an account by provider id (the first without one), refuses an unknown one, and finds one by its listener secret", () => {
      const container = resolver(
        configOf({ ...valid, webhookSecret: "secret-of-account-a-0123456789" }, { publicToken: "pub-b", privateToken: "priv-b", webhookSecret: "secret-of-account-b-0123456789" })
      )
      expect(resolveAthMovil(container).providerId).toBe("pp_athmovil_brand-a")
      expect(resolveAthMovil(container, "pp_athmovil_brand-b").options.publicToken).toBe("pub-b")
      expect(() => resolveAthMovil(container, "pp_athmovil_nope")).toThrow(/pp_athmovil_nope is not an ATH Móvil account of this store/)
      expect(listAthMovilAccounts(container).map((a) => a.providerId)).toEqual(["pp_athmovil_brand-a", "pp_athmovil_brand-b"])
      expect(accountByWebhookSecret(container, "secret-of-account-b-0123456789")?.providerId).toBe("pp_athmovil_brand-b")
      expect(accountByWebhookSecret(container, "secret-of-account-b-012345678")).toBeNull()
    })
  })
})
