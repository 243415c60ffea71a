// Runs shell commands side by side and fails when any of them fails (`npm test` runs the type check
// and the linters this way: each is single-threaded, the machine has two cores). Each command's output
// is printed whole when it ends, so the log reads one command at a time.
//   node scripts/parallel.mjs "tsc" "npm run lint"
import { spawn } from "node:child_process";

const commands = process.argv.slice(2);
if (commands.length === 0) {
  console.error('usage: node scripts/parallel.mjs "<command>" ["<command>" …]');
  process.exit(2);
}

const runs = commands.map(
  (command) =>
    new Promise((resolve) => {
      const started = Date.now();
      const child = spawn(command, { shell: true, stdio: ["ignore", "pipe", "pipe"] });
      const output = [];
      child.stdout.on("data", (chunk) => output.push(chunk));
      child.stderr.on("data", (chunk) => output.push(chunk));
      child.on("close", (code, signal) => {
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        process.stdout.write(`\n> ${command}\n${Buffer.concat(output).toString()}`);
        const ok = code === 0;
        console.log(`${ok ? "✔" : "✘"} ${command} (${seconds} s${ok ? "" : `, ${signal ?? `exit ${code}`}`})`);
        resolve(ok);
      });
    }),
);

const results = await Promise.all(runs);
process.exit(results.every(Boolean) ? 0 : 1);
