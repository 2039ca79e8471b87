#!/usr/bin/env node
import { parseArgs } from "node:util"
import { findFixturesDir, formatFidelity, measureFidelity } from "./fidelity"
import { parseFeeRate } from "./money"
import { startSandbox } from "./sandbox"
import type { SandboxOptions } from "./types"
import { parseStrict, variantTableMarkdown, type VariantsSpec } from "./variants"

const USAGE = `Usage: athmovil-sandbox [options]

  --port <n>                        Port to listen on (default 4010, 0 = random)
  --host <host>                     Interface to bind (default 127.0.0.1)
  --public-token <token>            Merchant public token (with --private-token)
  --private-token <token>           Merchant private token (with --public-token)
  --fee-percent <percent>           Fee charged per payment, e.g. 2.5 (default 2.50)
  --webhook-generation <2025|legacy>  Shape of eCommerce webhooks (default 2025)
  --clock <real|manual>             Manual time only moves through /sandbox/control/advance-time
  --variants <seed>                 Play every documented response shape, picked per response and
                                    field from the seed (reproducible); see --list-variants
  --variant <dimension=option>      Strict mode: play this option (repeatable; the rest keep the
                                    usual shape unless --variants is given too)
  --list-variants                   Print the variant table (dimension, option, source) and exit
  --fidelity                        Print how much of each public fixture the sandbox reproduces
                                    (keys and JSON types) and exit; 1 if the cited figure < 99 %
  --fixtures <dir>                  athm/fixtures for --fidelity (default: found upwards from here)
  -h, --help                        Show this help
`

class UsageError extends Error {}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${flag} must be one of ${allowed.join(", ")}; got "${value}"`)
  }
  return value as T
}

type Command = "help" | "list-variants" | { fidelity: string }

function parseCli(argv: string[]): (SandboxOptions & { port: number; host: string }) | Command {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "public-token": { type: "string" },
        "private-token": { type: "string" },
        "fee-percent": { type: "string" },
        "webhook-generation": { type: "string" },
        clock: { type: "string" },
        variants: { type: "string" },
        variant: { type: "string", multiple: true },
        "list-variants": { type: "boolean" },
        fidelity: { type: "boolean" },
        fixtures: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }))
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
  if (values.help) return "help"
  if (values["list-variants"]) return "list-variants"
  if (values.fidelity) {
    const dir = values.fixtures ?? findFixturesDir()
    if (!dir) throw new UsageError("--fidelity: no athm/fixtures folder found; give --fixtures <dir>")
    return { fidelity: dir }
  }

  let variants: VariantsSpec | undefined
  if (values.variants !== undefined || values.variant !== undefined) {
    if (values.variants !== undefined && values.variants.trim() === "") throw new UsageError("--variants needs a seed")
    const strict = (values.variant ?? []).join(",")
    try {
      parseStrict(strict)
    } catch (err) {
      throw new UsageError(`--variant: ${(err as Error).message}`)
    }
    variants = { seed: values.variants, ...(strict ? { strict } : {}) }
  }

  const portText = values.port ?? "4010"
  if (!/^\d+$/.test(portText) || Number(portText) > 65_535) throw new UsageError(`--port must be 0–65535; got "${portText}"`)

  const publicToken = values["public-token"]
  const privateToken = values["private-token"]
  if ((publicToken === undefined) !== (privateToken === undefined)) {
    throw new UsageError("--public-token and --private-token must be given together")
  }

  const feePercent = values["fee-percent"]
  if (feePercent !== undefined) {
    try {
      parseFeeRate(feePercent, "0.00")
    } catch (err) {
      throw new UsageError(`--fee-percent: ${(err as Error).message}`)
    }
  }

  return {
    port: Number(portText),
    host: values.host ?? "127.0.0.1",
    merchants: publicToken && privateToken ? [{ publicToken, privateToken }] : undefined,
    feePercent,
    webhookGeneration: oneOf("webhook-generation", values["webhook-generation"], ["2025", "legacy"] as const),
    clock: oneOf("clock", values.clock, ["real", "manual"] as const),
    variants,
  }
}

async function main(): Promise<void> {
  let options
  try {
    options = parseCli(process.argv.slice(2))
  } catch (err) {
    if (!(err instanceof UsageError)) throw err
    console.error(`athmovil-sandbox: ${err.message}\n\n${USAGE}`)
    process.exitCode = 2
    return
  }
  if (options === "help") {
    console.log(USAGE)
    return
  }
  if (options === "list-variants") {
    console.log(variantTableMarkdown())
    return
  }
  if ("fidelity" in options) {
    const usual = await measureFidelity(options.fidelity, "default")
    const cited = await measureFidelity(options.fidelity, "cited")
    console.log(`${formatFidelity(usual)}\n\n${formatFidelity(cited)}`)
    process.exitCode = cited.percent >= 99 ? 0 : 1
    return
  }

  const sandbox = await startSandbox(options)
  console.log(`ATH Móvil sandbox listening on ${sandbox.url}`)
  console.log(`  API base:     ${sandbox.apiBaseUrl}`)
  console.log(`  Report base:  ${sandbox.reportBaseUrl}`)
  console.log(`  Phone page:   ${sandbox.url}/sandbox/phone`)
  console.log(`  publicToken:  ${sandbox.tokens.publicToken}`)
  console.log(`  privateToken: ${sandbox.tokens.privateToken}`)
  console.log(`  Clock:        ${options.clock ?? "real"}`)
  console.log(`  Variants:     ${sandbox.variants}`)
  if (!["127.0.0.1", "localhost", "::1"].includes(options.host)) {
    console.log("  Warning: /sandbox/* control routes are unauthenticated; keep this port off shared networks.")
  }

  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`Received ${signal}, stopping the sandbox…`)
    sandbox.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err)
        process.exit(1)
      },
    )
  }
  process.on("SIGINT", () => shutdown("SIGINT"))
  process.on("SIGTERM", () => shutdown("SIGTERM"))
}

main().catch((err: unknown) => {
  console.error(`athmovil-sandbox: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
