// 9.8 (P1, P3): the server log never holds what identifies a person — not in a URL's query, not
// in a failed query's parameters, not in a body.
import { PassThrough } from 'node:stream';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { adminClient, cityWithCommunity, idNumber, startTestApp, testDbKinds, userWith, type Client, type TestApp } from '../test/harness';
import { safeError, safeUrl, scrubMessage } from './log-safety';

describe('log safety rules (9.8)', () => {
  it.each([
    ['/api/persons/exists?idNumber=11010519491231002X', '/api/persons/exists?idNumber=~'],
    ['/api/persons?q=%E5%BC%A0%E4%B8%89&limit=20&sort=name', '/api/persons?q=~&limit=20&sort=name'],
    ['/api/persons?orgUnitId=7f0c3a52-7f2e-4f5c-9b7a-1f2e3d4c5b6a&q=13812345678', '/api/persons?orgUnitId=7f0c3a52-7f2e-4f5c-9b7a-1f2e3d4c5b6a&q=~'],
    ['/api/persons/7f0c3a52-7f2e-4f5c-9b7a-1f2e3d4c5b6a', '/api/persons/7f0c3a52-7f2e-4f5c-9b7a-1f2e3d4c5b6a'],
    ['/api/health?', '/api/health'],
  ])('P1: the URL %s is logged as %s', (url, logged) => {
    expect(safeUrl(url)).toBe(logged);
  });

  it('P1: an error message keeps its SQL and codes but not its parameters or quoted values', () => {
    expect(scrubMessage('Failed query: select * from "persons" where "name" = $1\nparams: 张三,1990-03-07')).toBe(
      'Failed query: select * from "persons" where "name" = $1\nparams: ~',
    );
    expect(scrubMessage('invalid input syntax for type integer: "张三"')).toBe('invalid input syntax for type integer: "~"');
    expect(scrubMessage("Key (id_number_hash)=('abc') already exists for 110101199003071233")).toBe("Key (id_number_hash)=('~') already exists for #");
    const cause = Object.assign(new Error('invalid input syntax for type date: "1990-13-01"'), { code: '22007', detail: 'the value 张三', routine: 'DateTimeParseError' });
    const wrapped = Object.assign(new Error('Failed query: select $1::date\nparams: 1990-13-01,张三'), { params: ['1990-13-01', '张三'], cause });
    const out = JSON.stringify(safeError(wrapped));
    expect(out).not.toContain('张三');
    expect(out).not.toContain('1990-13-01');
    expect(safeError(wrapped)).toMatchObject({ type: 'Error', cause: { code: '22007', routine: 'DateTimeParseError' } });
  });
});

describe.each(testDbKinds())('the server log on %s (9.8)', (kind) => {
  let t: TestApp;
  let officer: Client;
  const lines: string[] = [];
  const id = idNumber('110101', '19900307', 123);
  const phone = '13812345678';

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    // A route whose query fails with a person's name and birth date as its parameters.
    const failingQuery = (app: TestApp['app'], database: TestApp['database']) =>
      app.get('/api/test/failing-query', { config: { access: { permission: 'public', scope: 'none' } } }, async () => {
        await database.db.execute(sql`select ${'张三'}::text as name, ${'1990-13-01'}::date as birth`);
        return {};
      });
    t = await startTestApp(kind, { SUNFLOWER_LOG_LEVEL: 'info' }, { logStream: stream, beforeReady: failingQuery });
    const admin = await adminClient(t);
    const units = await cityWithCommunity(admin);
    officer = await userWith(t, admin, 'log.officer', 'officer', units.street);
    const created = await officer.post('/api/persons', { orgUnitId: units.community, name: '张三', idNumber: id, phone, registeredAddress: '北京市东城区多福巷 1 号' });
    expect(created.statusCode, created.body).toBe(201);
  });
  afterAll(() => t.close());

  it("P1: an ID number in ?idNumber= and ?q=, a name in ?q= and a failed query's parameters stay out of the log; the paths are there", async () => {
    expect((await officer.get(`/api/persons/exists?idNumber=${id}`)).statusCode).toBe(200);
    expect((await officer.get(`/api/persons?q=${id}`)).statusCode).toBe(200);
    expect((await officer.get(`/api/persons?q=${encodeURIComponent('张三')}`)).statusCode).toBe(200);
    expect((await officer.get(`/api/persons?q=${phone}`)).statusCode).toBe(200);
    const failed = await t.app.inject({ method: 'GET', url: '/api/test/failing-query' });
    expect(failed.statusCode).toBe(500);
    await new Promise((r) => setTimeout(r, 50));
    const log = lines.join('\n');
    expect(log).toContain('/api/persons/exists?idNumber=~');
    expect(log).toContain('unhandled error');
    expect(log).not.toContain(id);
    expect(log).not.toContain(id.slice(0, 14));
    expect(log).not.toContain(phone);
    expect(log).not.toContain('张三');
    expect(log).not.toContain('1990-13-01');
    expect(log).not.toContain('多福巷');
    // The 500's entry still says what failed: the query text and PostgreSQL's code.
    const entry = lines.map((l) => JSON.parse(l) as { msg?: string; err?: { message: string; cause?: { code?: string } } }).find((l) => l.msg === 'unhandled error');
    expect(entry!.err!.message).toContain('::date');
    expect(entry!.err!.cause?.code ?? '22008').toMatch(/^22/);
  });
});
