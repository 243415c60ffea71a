/**
 * React's server renderer without Node's async hooks (ADR 0053).
 *
 * `react-dom/server` for Node keeps the request it renders in an `AsyncLocalStorage`, so that
 * `preload()` and the like, called from asynchronous code outside a render (server components), find
 * their request. On Node 20 the first `run()` of any `AsyncLocalStorage` turns on async hooks for the
 * whole process, for good: from the first page on, every promise anywhere calls into JavaScript when
 * it is made and before and after each of its reactions. That was a sixth of a workflow event's CPU,
 * on requests that render nothing.
 *
 * This app renders no server components and calls none of those functions outside a render, where
 * React finds its request without the storage. So the production server loads React's renderer with
 * an `AsyncLocalStorage` that holds its value for the synchronous call only, and restores Node's own
 * for everything loaded after. (Node 22 and later carry the context without hooks: there this changes
 * nothing that matters.)
 */
import { createRequire } from "node:module";

/** `AsyncLocalStorage`'s interface, for synchronous code only: no async hook, no propagation to callbacks. */
export class SynchronousStorage<T> {
  #store: T | undefined;

  getStore(): T | undefined {
    return this.#store;
  }

  run<R, A extends unknown[]>(store: T, callback: (...args: A) => R, ...args: A): R {
    const previous = this.#store;
    this.#store = store;
    try {
      return callback(...args);
    } finally {
      this.#store = previous;
    }
  }

  exit<R, A extends unknown[]>(callback: (...args: A) => R, ...args: A): R {
    return this.run(undefined as T, callback, ...args);
  }

  enterWith(store: T): void {
    this.#store = store;
  }

  disable(): void {
    this.#store = undefined;
  }
}

/**
 * Loads `react-dom/server` (Node's module cache then gives the app this instance) with
 * `SynchronousStorage` in place of `AsyncLocalStorage` while its module initialises. Call it before the
 * server build is imported, with NODE_ENV set. A no-op if React's renderer is already loaded.
 */
export function loadReactRendererWithoutAsyncHooks(from: string = import.meta.url): void {
  const require = createRequire(from);
  const asyncHooks = require("node:async_hooks") as { AsyncLocalStorage: unknown };
  const nodeStorage = asyncHooks.AsyncLocalStorage;
  asyncHooks.AsyncLocalStorage = SynchronousStorage;
  try {
    require("react-dom/server");
  } finally {
    asyncHooks.AsyncLocalStorage = nodeStorage;
  }
}
