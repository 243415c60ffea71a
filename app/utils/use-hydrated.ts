import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * Whether the page runs with JavaScript (false in the server's HTML and during hydration, true after).
 * Read from React without an effect that sets state, so nothing renders twice for it.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
