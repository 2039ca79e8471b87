const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const base = {
  rootDir: __dirname,
  transform: {
    "^.+\\.[jt]sx?$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript", decorators: true, tsx: true } } },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/"],
  setupFiles: ["<rootDir>/integration-tests/setup.js"],
}

/** Every suite `npm test` runs, in order: fast and pure first, browser last. */
const suites = {
  unit: ["<rootDir>/src/**/__tests__/**/*.unit.spec.[jt]s"],
  "integration:modules": ["<rootDir>/src/modules/*/__tests__/**/*.spec.[jt]s"],
  "integration:http": ["<rootDir>/integration-tests/http/**/*.spec.[jt]s"],
  install: ["<rootDir>/integration-tests/install/**/*.spec.[jt]s"],
  browser: ["<rootDir>/integration-tests/browser/**/*.spec.[jt]s"],
}

const type = process.env.TEST_TYPE
if (type) {
  if (!suites[type]) throw new Error(`Unknown TEST_TYPE "${type}"; use one of ${Object.keys(suites).join(", ")}`)
  module.exports = { ...base, testMatch: suites[type], testSequencer: "<rootDir>/scripts/test-sequencer.js" }
} else {
  module.exports = {
    testSequencer: "<rootDir>/scripts/test-sequencer.js",
    projects: Object.entries(suites).map(([name, testMatch]) => ({ ...base, displayName: name, testMatch })),
  }
}
