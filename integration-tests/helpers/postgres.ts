/** Throwaway PostgreSQL databases for the multi-process suites and the bench. */
import { randomBytes } from "node:crypto"
import { onCleanup } from "./cleanup"

async function pgClient(database = "postgres") {
  const { Client } = require("pg") as typeof import("pg")
  const client = new Client({
    host: process.env.DB_HOST || "localhost",
    port: Number(process.env.DB_PORT || 5432),
    user: process.env.DB_USERNAME || "postgres",
    password: process.env.DB_PASSWORD || "postgres",
    database,
  })
  await client.connect()
  return client
}

/** Drops a database (ending its sessions); nothing when there is none. */
export async function dropDatabase(name: string): Promise<void> {
  const admin = await pgClient()
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`)
  } finally {
    await admin.end()
  }
}

export function databaseUrl(name: string): string {
  const user = process.env.DB_USERNAME || "postgres"
  const password = process.env.DB_PASSWORD || "postgres"
  const host = process.env.DB_HOST || "localhost"
  const port = process.env.DB_PORT || "5432"
  return `postgres://${user}:${password}@${host}:${port}/${name}`
}

export interface TestDatabase {
  name: string
  url: string
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>
  drop(): Promise<void>
}

/** A fresh, empty database with a unique name; dropped by `drop()` or `cleanupAll()`. */
export async function createDatabase(prefix: string): Promise<TestDatabase> {
  const name = `athm_${prefix}_${process.pid}_${randomBytes(3).toString("hex")}`
  const admin = await pgClient()
  try {
    await admin.query(`CREATE DATABASE "${name}"`)
  } finally {
    await admin.end()
  }
  let client: Awaited<ReturnType<typeof pgClient>> | null = null
  let dropped = false
  const drop = async () => {
    if (dropped) return
    dropped = true
    await client?.end().catch(() => undefined)
    const a = await pgClient()
    try {
      await a.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name])
      await a.query(`DROP DATABASE IF EXISTS "${name}"`)
    } finally {
      await a.end()
    }
  }
  onCleanup(drop)
  return {
    name,
    url: databaseUrl(name),
    async query<T>(sql: string, params: unknown[] = []) {
      client ??= await pgClient(name)
      return (await client.query(sql, params)).rows as T[]
    },
    drop,
  }
}
