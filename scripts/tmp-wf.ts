import { signIn, workflow } from "./bench-http";
const base = "http://127.0.0.1:3999";
const pid = Number(process.env.PID);
const secretariat = await signIn(base, "secretariat@msit.go.kr");
const officer = await signIn(base, process.env.OFFICER ?? "officer@mohw.go.kr");
for (let i = 0; i < Number(process.env.ROUNDS ?? 2); i++) {
  const r = await workflow([{ base, pid }], { secretariat, officer }, "file:/tmp/ax-bench-100000-qtwJEx/app.db");
  console.log(JSON.stringify(r));
}
process.exit(0);
