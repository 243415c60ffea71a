const base = "http://127.0.0.1:40999";
const r = await fetch(base + "/api/v1/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "secretariat@msit.go.kr", password: "ax-demo-2026" }) });
const cookie = r.headers.get("set-cookie").split(";")[0];
for (const p of process.argv.slice(2)) {
  const t = performance.now(); const res = await fetch(base + p, { headers: { cookie, "accept-encoding": "identity" } }); const body = await res.text();
  const t2 = performance.now(); for (let i = 0; i < 20; i++) await (await fetch(base + p, { headers: { cookie } })).text();
  console.log(p, res.status, body.length, "chars", ((performance.now() - t2) / 20).toFixed(1), "ms seq");
}
