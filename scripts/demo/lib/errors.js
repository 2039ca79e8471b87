"use strict"

/** An error the demo explains in plain words: index.js prints `message` and exits 1, no stack. */
class DemoError extends Error {
  constructor(message, code = "DEMO_ERROR") {
    super(message)
    this.name = "DemoError"
    this.code = code
  }
}

module.exports = { DemoError }
