"use strict"
/** PostgreSQL chores of the demo: reachability, create / drop the demo database. */
const { DemoError } = require("./errors")

function parse(databaseUrl) {
  let url
  try {
    url = new URL(databaseUrl)
  } catch {
    throw new DemoError(`DATABASE_URL is not a URL: ${databaseUrl}\nExample: DATABASE_URL=postgres://postgres@localhost:5432/medusa_athmovil_demo`, "BAD_DATABASE_URL")
  }
  if (!/^postgres(ql)?:$/.test(url.protocol)) {
    throw new DemoError(`DATABASE_URL must start with postgres://, got ${url.protocol}//…`, "BAD_DATABASE_URL")
  }
  const name = decodeURIComponent(url.pathname.replace(/^\//, ""))
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(name)) {
    throw new DemoError(`DATABASE_URL must name a database (letters, digits, _ and -), e.g. …/medusa_athmovil_demo; got "${name}"`, "BAD_DATABASE_URL")
  }
  const server = new URL(url.href)
  server.pathname = "/postgres"
  const shown = new URL(url.href)
  if (shown.password) shown.password = "****"
  return { name, serverUrl: server.href, shown: shown.href, host: `${url.hostname}:${url.port || 5432}` }
}

async function withClient(connectionString, fn) {
  const { Client } = require("pg")
  const client = new Client({ connectionString, connectionTimeoutMillis: 5000 })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => {})
  }
}

function unreachable(db, err) {
  const login = err && /^28/.test(String(err.code))
  const reason = err && err.message ? ` (${err.message})` : ""
  return new DemoError(
    [
      login ? `PostgreSQL at ${db.host} refused the login${reason}.` : `PostgreSQL is not reachable at ${db.host}${reason}.`,
      "Start PostgreSQL, or point the demo at a running server with DATABASE_URL, e.g.:",
      "  DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/medusa_athmovil_demo npm run demo",
      "(the user needs the CREATEDB privilege; the database is created if missing)",
    ].join("\n"),
    "PG_UNREACHABLE"
  )
}

/** Creates the database when missing (drops it first with `fresh`). Returns whether it was created. */
async function ensureDatabase(databaseUrl, { fresh = false } = {}) {
  const db = parse(databaseUrl)
  try {
    return await withClient(db.serverUrl, async (client) => {
      const quoted = `"${db.name.replace(/"/g, '""')}"`
      if (fresh) await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`)
      const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [db.name])
      if (rowCount) return false
      await client.query(`CREATE DATABASE ${quoted}`)
      return true
    })
  } catch (err) {
    if (err instanceof DemoError) throw err
    if (err && ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "28P01", "28000", "3D000"].includes(err.code)) {
      throw unreachable(db, err)
    }
    if (err && /timeout|terminated|connect/i.test(String(err.message))) throw unreachable(db, err)
    throw new DemoError(`Could not prepare database ${db.name} on ${db.host}: ${err && err.message}`, "PG_ERROR")
  }
}

async function dropDatabase(databaseUrl) {
  const db = parse(databaseUrl)
  await withClient(db.serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${db.name.replace(/"/g, '""')}" WITH (FORCE)`))
}

/** Whether the demo's admin user already exists (so `medusa user` is not needed). */
async function adminUserExists(databaseUrl, email) {
  try {
    return await withClient(databaseUrl, async (client) => {
      const { rowCount } = await client.query(
        'SELECT 1 FROM "user" u JOIN provider_identity p ON p.entity_id = u.email AND p.provider = $2 WHERE u.email = $1 AND u.deleted_at IS NULL AND p.deleted_at IS NULL',
        [email, "emailpass"]
      )
      return rowCount > 0
    })
  } catch {
    return false
  }
}

module.exports = { parse, ensureDatabase, dropDatabase, adminUserExists }
