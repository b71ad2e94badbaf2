import { z } from 'zod';

/** One SMS to send. The text never names the person or says what the appointment is about (P1). */
export interface SmsMessage {
  id: string;
  /** Also sent to the gateway as an idempotency key, so a retry after a lost answer is not a second SMS. */
  dedupeKey: string;
  phone: string;
  text: string;
  params: Record<string, string>;
}

/** Sends or throws; a throw is retried with backoff by the outbox. */
export interface SmsSender {
  name: string;
  send(message: SmsMessage): Promise<void>;
}

const maskPhone = (p: string) => (p.length > 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : '****');

/** The default: nothing leaves the server, the send is logged (phone masked). */
export function createLogSender(log: { info(obj: unknown, msg: string): void } = { info: () => {} }): SmsSender {
  return {
    name: 'log',
    async send(m) {
      log.info({ to: maskPhone(m.phone), dedupeKey: m.dedupeKey, params: m.params }, 'sms (log sender)');
    },
  };
}

/**
 * An HTTP SMS gateway: POST JSON `{ phone, template, params, text, idempotencyKey }` to the
 * configured URL (`template` is the gateway's template code, as Chinese gateways require);
 * any 2xx is a success, anything else or a timeout a failure to retry.
 */
export function createHttpSmsSender(opts: { url: string; template: string; timeoutMs?: number }): SmsSender {
  return {
    name: 'http',
    async send(m) {
      const res = await fetch(opts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': m.dedupeKey },
        body: JSON.stringify({ phone: m.phone, template: opts.template, params: m.params, text: m.text, idempotencyKey: m.dedupeKey }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) throw new Error(`SMS gateway answered HTTP ${res.status}`);
    },
  };
}

const smsEnv = z.object({
  SUNFLOWER_SMS_URL: z.url().optional(),
  /** The gateway's template code (registered with the carrier); sent with the parameters. */
  SUNFLOWER_SMS_TEMPLATE: z.string().trim().min(1).default('SUNFLOWER_REMINDER'),
  SUNFLOWER_SMS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
});

/** The SMS sender of this deployment, from the environment: an HTTP gateway if a URL is set, else the log sender. */
export function smsSenderFromEnv(env: NodeJS.ProcessEnv, log?: { info(obj: unknown, msg: string): void }): SmsSender {
  const e = smsEnv.parse({
    SUNFLOWER_SMS_URL: env.SUNFLOWER_SMS_URL || undefined,
    SUNFLOWER_SMS_TEMPLATE: env.SUNFLOWER_SMS_TEMPLATE || undefined,
    SUNFLOWER_SMS_TIMEOUT_MS: env.SUNFLOWER_SMS_TIMEOUT_MS || undefined,
  });
  return e.SUNFLOWER_SMS_URL ? createHttpSmsSender({ url: e.SUNFLOWER_SMS_URL, template: e.SUNFLOWER_SMS_TEMPLATE, timeoutMs: e.SUNFLOWER_SMS_TIMEOUT_MS }) : createLogSender(log);
}
