// autocannon 9 ships no types; the bench uses this much of it.
declare module "autocannon" {
  interface Result {
    errors: number;
    timeouts: number;
    requests: { average: number };
    non2xx: number;
  }
  interface Instance extends PromiseLike<Result> {
    on(event: "response", listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  }
  function autocannon(options: { url: string; connections?: number; duration?: number; headers?: Record<string, string> }): Instance;
  export default autocannon;
}
