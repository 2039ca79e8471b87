/** Isolated Redis databases for the suites that run Medusa with Redis (several instances). */
import { onCleanup } from "./cleanup"

export interface RedisDb {
  url: string
  db: number
  release(): Promise<void>
}

/**
 * Medusa's Redis modules only take a URL, so a run isolates itself with a Redis database number:
 * the first empty one (1–15) that it can claim with SETNX, flushed when released.
 */
export async function claimRedisDb(base = process.env.ATHMOVIL_TEST_REDIS_BASE_URL || "redis://127.0.0.1:6379"): Promise<RedisDb> {
  const Redis = require("ioredis") as typeof import("ioredis").default
  for (let db = 15; db >= 1; db--) {
    const redis = new Redis(`${base}/${db}`, { lazyConnect: true, maxRetriesPerRequest: 1 })
    await redis.connect()
    try {
      if ((await redis.dbsize()) > 0) continue
      const claimed = await redis.set("athmovil-test:claim", String(process.pid), "EX", 3600, "NX")
      if (claimed !== "OK") continue
    } finally {
      redis.disconnect()
    }
    let released = false
    const release = async () => {
      if (released) return
      released = true
      const r = new Redis(`${base}/${db}`, { maxRetriesPerRequest: 1 })
      try {
        await r.flushdb()
      } finally {
        r.disconnect()
      }
    }
    onCleanup(release)
    return { url: `${base}/${db}`, db, release }
  }
  throw new Error("no free Redis database (1–15) to run on")
}
