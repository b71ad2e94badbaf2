import { Secret, TOTP } from 'otpauth';

/**
 * The authenticator app's code now, or once the next 30-second step begins when this
 * authenticator's current code was used already (the server takes each code once).
 */
async function freshCode(totp: { secret?: string; lastStep?: number }): Promise<string> {
  let step = TOTP.counter({ timestamp: Date.now() });
  while (step <= (totp.lastStep ?? -1)) {
    await new Promise((r) => setTimeout(r, TOTP.remaining({ timestamp: Date.now() }) + 50));
    step = TOTP.counter({ timestamp: Date.now() });
  }
  totp.lastStep = step;
  return TOTP.generate({ secret: Secret.fromBase32(totp.secret!), timestamp: step * 30_000 });
}

/** A signed-in HTTP session against a running server (cookie + CSRF token). */
export class HttpSession {
  cookie = '';
  csrf = '';
  constructor(readonly baseUrl: string) {}

  // The bench reads whatever the API answers, field by field, as the tests do with res.json().
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an API answer of any shape
  async call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}), ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    if (set?.startsWith('sf_session=')) this.cookie = set.split(';')[0]!;
    const json = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
    if (json && typeof json === 'object' && 'csrfToken' in json) this.csrf = json.csrfToken;
    return { status: res.status, json };
  }

  /** Goes through every sign-in step: forced change to `newPassword`, TOTP setup or code. */
  async signIn(username: string, password: string, newPassword: string, totp: { secret?: string; lastStep?: number }) {
    let r = await this.call('POST', '/api/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${r.status} ${JSON.stringify(r.json)}`);
    for (let i = 0; i < 5 && r.json.stage !== 'active'; i++) {
      const stage = r.json.stage;
      if (stage === 'password_change') r = await this.call('POST', '/api/auth/password', { currentPassword: password, newPassword });
      else if (stage === 'mfa_setup') {
        totp.secret = (await this.call('POST', '/api/auth/mfa/setup', {})).json.secret;
        totp.lastStep = undefined;
        r = await this.call('POST', '/api/auth/mfa/confirm', { code: await freshCode(totp) });
      } else if (stage === 'mfa') r = await this.call('POST', '/api/auth/mfa', { code: await freshCode(totp) });
      if (r.status !== 200) throw new Error(`${stage} ${r.status} ${JSON.stringify(r.json)}`);
    }
  }
}
