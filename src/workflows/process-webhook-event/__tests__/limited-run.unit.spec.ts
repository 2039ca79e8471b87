import { createLimitedRunner } from "../limited-run"

function gate() {
  let open!: () => void
  const opened = new Promise<void>((r) => (open = r))
  return { open, opened }
}

describe("createLimitedRunner", () => {
  it("runs at most `concurrency` jobs, queues up to the limit and defers the rest without running them", async () => {
    const runner = createLimitedRunner(2, 3)
    const g = gate()
    let started = 0
    const job = async () => {
      started++
      await g.opened
      return started
    }
    const results = Array.from({ length: 8 }, () => runner.run(job))
    await new Promise((r) => setImmediate(r))
    expect(started).toBe(2)
    expect(runner.running).toBe(2)
    expect(runner.waiting).toBe(3)
    g.open()
    const settled = await Promise.all(results)
    expect(settled.filter((r) => r.ran)).toHaveLength(5)
    expect(settled.filter((r) => !r.ran)).toHaveLength(3)
    expect(started).toBe(5)
    expect(runner.running).toBe(0)
    expect(runner.waiting).toBe(0)
  })

  it("frees the slot when a job throws", async () => {
    const runner = createLimitedRunner(1, 1)
    await expect(runner.run(async () => { throw new Error("boom") })).rejects.toThrow("boom")
    expect(await runner.run(async () => 7)).toEqual({ ran: true, value: 7 })
    expect(runner.running).toBe(0)
  })
})
