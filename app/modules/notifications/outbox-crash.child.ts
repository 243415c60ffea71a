/**
 * Child process of outbox-worker.server.test.ts: does one step and is then killed with SIGKILL (no
 * cleanup, no finally blocks), like a server killed by the operating system.
 * - `event <requestId>`: submits the request (the event and its notifications commit), killed before any send.
 * - `send`: claims and sends one due mail over SMTP_URL, killed right after the relay accepted it, before it is marked sent.
 */
import { userByEmail } from "~/modules/seed/drive.server";
import { sendRequestEvent } from "~/modules/requests/requests.server";
import { smtpMailer } from "./mail.server";
import { processOutboxOnce } from "./outbox-worker.server";

const [mode, requestId] = process.argv.slice(2);
if (mode === "event") {
  const officer = await userByEmail("officer@mohw.go.kr");
  await sendRequestEvent({ user: officer, requestId, body: { type: "SUBMIT", expectedVersion: 1 } });
  process.kill(process.pid, "SIGKILL");
} else if (mode === "send") {
  const smtp = smtpMailer(process.env.SMTP_URL!);
  await processOutboxOnce({
    limit: 1,
    mailer: {
      async send(mail) {
        await smtp.send(mail);
        process.kill(process.pid, "SIGKILL");
        await new Promise(() => {}); // never returns: the kill lands first
      },
    },
  });
}
