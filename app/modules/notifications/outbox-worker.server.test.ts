import { spawn } from "node:child_process";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUsers } from "~/test/fixtures";
import { demoIntake, userByEmail } from "~/modules/seed/drive.server";
import { createRequest } from "~/modules/requests/requests.server";
import { db } from "~/utils/db.server";
import { now } from "~/utils/clock";
import { smtpMailer } from "./mail.server";
import { backoffMs, processOutboxOnce, recoverInterruptedSends } from "./outbox-worker.server";

interface Received {
  to: string[];
  raw: string;
}
const received: Received[] = [];
let refuseNext = 0;
let server: SMTPServer;
let smtpUrl = "";

beforeAll(async () => {
  await seedUsers();
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onRcptTo(_address, _session, callback) {
      if (refuseNext > 0) {
        refuseNext--;
        return callback(Object.assign(new Error("try again later"), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface ChildResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** Runs the crash child asynchronously (the SMTP sink in this process must keep answering). */
function child(...args: string[]): Promise<ChildResult> {
  return new Promise((resolve) => {
    const p = spawn(path.resolve("node_modules/.bin/tsx"), [path.resolve("app/modules/notifications/outbox-crash.child.ts"), ...args], {
      env: { ...process.env, SMTP_URL: smtpUrl },
    });
    let output = "";
    p.stdout.on("data", (c) => (output += c));
    p.stderr.on("data", (c) => (output += c));
    p.on("close", (status, signal) => resolve({ status, signal, output }));
  });
}

/** tsx runs the script in a child node process and relays its SIGKILL as exit status 137 */
const wasKilled = (r: ChildResult) => r.signal === "SIGKILL" || r.status === 137;

const mailsFor = (id: string) => received.filter((m) => m.raw.includes(`notification-${id}@`));

describe("e-mail outbox worker", () => {
  it("a server killed between the event and the send, then again between the send and its mark: no mail lost, none sent twice", async () => {
    await db.notification.updateMany({ where: { emailStatus: "pending" }, data: { emailStatus: "skipped" } }); // earlier tests' rows
    const officer = await userByEmail("officer@mohw.go.kr");
    const draft = await createRequest({ user: officer, fields: demoIntake({ contactName: "최보건", contactEmail: "officer@mohw.go.kr" }) });

    // 1. killed right after the event committed: the notifications are there, nothing was sent
    const killed = await child("event", draft.id);
    expect(wasKilled(killed), killed.output).toBe(true);
    const rows = await db.notification.findMany({ where: { requestId: draft.id, kind: "submitted" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => r.emailStatus === "pending")).toBe(true);
    expect(received).toHaveLength(0);

    // 2. restarted, killed after the relay accepted the first mail and before it was marked sent
    const killedInSend = await child("send");
    expect(wasKilled(killedInSend), killedInSend.output).toBe(true);
    expect(mailsFor(rows[0].id)).toHaveLength(1);
    expect((await db.notification.findUniqueOrThrow({ where: { id: rows[0].id } })).emailStatus).toBe("sending");

    // 3. restarted: the interrupted one is not resent, every other one is sent once
    expect(await recoverInterruptedSends()).toBe(1);
    await processOutboxOnce({ mailer: smtpMailer(smtpUrl) });
    await processOutboxOnce({ mailer: smtpMailer(smtpUrl) }); // another pass finds nothing to send
    for (const r of rows) expect(mailsFor(r.id), r.id).toHaveLength(1);
    const after = await db.notification.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
    expect(after.find((r) => r.id === rows[0].id)?.emailStatus).toBe("unknown");
    expect(after.filter((r) => r.id !== rows[0].id).every((r) => r.emailStatus === "sent")).toBe(true);

    // the mail is Korean, to the recipient, with the absolute link to the request
    const secretariat = await userByEmail("secretariat@msit.go.kr");
    const toSecretariat = rows.find((r) => r.userId === secretariat.id)!;
    const [mail] = mailsFor(toSecretariat.id);
    expect(mail.to).toEqual(["secretariat@msit.go.kr"]);
    expect(mail.raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(mail.raw).toContain(`/requests/${draft.id}`);
  });

  it("a relay that refuses (4xx) is retried with backoff and delivers once; a user who turned the kind off gets none", async () => {
    await db.notification.updateMany({ where: { emailStatus: "pending" }, data: { emailStatus: "skipped" } });
    const officer = await userByEmail("officer@mohw.go.kr");
    const secretariat = await userByEmail("secretariat@msit.go.kr");
    const draft = await createRequest({ user: officer, fields: demoIntake({ contactName: "최보건", contactEmail: "officer@mohw.go.kr" }) });
    await db.notificationPreference.create({ data: { userId: secretariat.id, kind: "returned", email: false } });
    const { sendRequestEvent } = await import("~/modules/requests/requests.server");
    await sendRequestEvent({ user: officer, requestId: draft.id, body: { type: "SUBMIT", expectedVersion: 1 } });
    const n = await db.notification.findFirstOrThrow({ where: { requestId: draft.id, userId: secretariat.id } });

    refuseNext = 100;
    const first = await processOutboxOnce({ mailer: smtpMailer(smtpUrl) });
    expect(first.retried).toBeGreaterThanOrEqual(1);
    const waiting = await db.notification.findUniqueOrThrow({ where: { id: n.id } });
    expect(waiting).toMatchObject({ emailStatus: "pending", emailAttempts: 1 });
    expect(waiting.emailNextAt!.getTime()).toBeGreaterThan(now().getTime());
    refuseNext = 0;
    await processOutboxOnce({ mailer: smtpMailer(smtpUrl) });
    expect((await db.notification.findUniqueOrThrow({ where: { id: n.id } })).emailStatus).toBe("pending"); // not due yet
    await db.notification.update({ where: { id: n.id }, data: { emailNextAt: new Date(0) } });
    await processOutboxOnce({ mailer: smtpMailer(smtpUrl) });
    expect(mailsFor(n.id)).toHaveLength(1);
    expect(backoffMs(1)).toBeLessThan(backoffMs(3));
  });
});
