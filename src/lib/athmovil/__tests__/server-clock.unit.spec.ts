import { startSandbox, type AthSandbox } from "../../../sandbox"
import { AthMovilClient, AuthenticationError } from ".."

let sb: AthSandbox

beforeAll(async () => {
  sb = await startSandbox({ port: 0, clock: "manual" })
})

afterAll(() => sb.stop())

beforeEach(() => sb.reset())

const client = (publicToken = sb.tokens.publicToken) =>
  new AthMovilClient({ publicToken, apiBaseUrl: sb.apiBaseUrl, maxReadRetries: 0 })

describe("readServerClock", () => {
  it("reads ATH's Date header with a call that changes nothing", async () => {
    const before = sb.callCount()
    const clock = await client().readServerClock()
    expect(Math.abs(clock.athTime.getTime() - clock.localTime.getTime())).toBeLessThan(2000)
    expect(sb.listTickets()).toEqual([])
    expect(sb.callCount("findPayment")).toBe(before + 1)

    sb.setClockSkew(-120)
    const skewed = await client().readServerClock()
    expect((skewed.athTime.getTime() - skewed.localTime.getTime()) / 1000).toBeLessThan(-118)
  })

  it("fails with the token error when ATH refuses the public token", async () => {
    await expect(client("not-a-token").readServerClock()).rejects.toBeInstanceOf(AuthenticationError)
  })
})
