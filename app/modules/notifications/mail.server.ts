/**
 * E-mail delivery of the outbox: SMTP through nodemailer when SMTP_URL is set
 * (e.g. `smtp://user:pass@relay.example.go.kr:587`), otherwise each mail is written to the log.
 */
import nodemailer from "nodemailer";
import { translate } from "~/i18n/translate";
import type { Locale } from "~/i18n/types";
import { notificationPath } from "./kinds";
import { notificationText } from "./text";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** stable per notification: a relay or reader can spot a duplicate */
  messageId: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/** The absolute base of links in mails: APP_URL, else http://localhost:PORT. */
export function appUrl(): string {
  return (process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? "3000"}`).replace(/\/+$/, "");
}

export function mailFrom(): string {
  return process.env.MAIL_FROM ?? "AX 수요 접수·심의 시스템 <no-reply@ax.go.kr>";
}

/** The mail of one notification: Korean subject and body with the absolute link to the record. */
export function composeMail(
  n: { id: string; kind: string; requestId: string | null; meetingId: string | null; params: string },
  recipient: { email: string; name: string },
  locale: Locale = "ko",
): OutgoingMail {
  const text = notificationText(locale, n.kind, JSON.parse(n.params));
  const url = `${appUrl()}${notificationPath(n)}`;
  const body = [
    translate(locale, "notify.mail.greeting", { name: recipient.name }),
    "",
    text,
    "",
    translate(locale, "notify.mail.link", { url }),
    "",
    "--",
    translate(locale, "notify.mail.footer", { settings: `${appUrl()}/notifications/settings` }),
  ].join("\n");
  const host = new URL(appUrl()).hostname || "ax.local";
  return { to: recipient.email, subject: translate(locale, "notify.mail.subject", { text }), text: body, messageId: `<notification-${n.id}@${host}>` };
}

export function smtpMailer(url: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from: mailFrom(), to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
    },
  };
}

export const logMailer: Mailer = {
  async send(mail) {
    console.log(`[mail] (SMTP_URL not set) to=${mail.to} subject=${mail.subject}\n${mail.text}`);
  },
};

export function defaultMailer(): Mailer {
  return process.env.SMTP_URL ? smtpMailer(process.env.SMTP_URL) : logMailer;
}

/**
 * Whether a failed send certainly did not deliver, so trying again cannot duplicate: the relay could
 * not be reached, or it answered with an error code (it refused the message). Anything else — the
 * connection dropped while or after the message was handed over — may have delivered: not retried.
 */
export function isSafeToRetry(error: unknown): boolean {
  const e = error as { responseCode?: unknown; command?: unknown; code?: unknown };
  if (typeof e?.responseCode === "number") return true;
  if (e?.command === "CONN") return true;
  return ["ECONNREFUSED", "EDNS", "ETIMEDOUT", "ECONNECTION", "EHOSTUNREACH", "ENOTFOUND"].includes(String(e?.code)) && e?.command !== "DATA";
}
