import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, it, expect, beforeAll, beforeEach, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, testDbKinds, adminClient, cityWithCommunity, userWith, type TestApp, type Client } from '../../test/harness';
import { rows } from '../../db/client';
import type { Principal } from '../../http/context';
import { createFileCipher } from '../../lib/file-cipher';
import { createCipher } from '../../lib/data-key';
import type { AuditService } from '../audit/service';
import { createDocumentService } from './service';
import { cleanFileName, declaredAgrees, detectFileType, inlineDisposition } from './file-type';
import { buildMeasureRow, buildPerson } from '../../test/factories';

// ---- real minimal files, generated here -------------------------------------------------

/** A one-page PDF with a valid cross-reference table. */
function minimalPdf(marker: string): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>'];
  const stream = `BT /F1 12 Tf 20 100 Td (${marker}) Tj ET`;
  objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b: Buffer) => {
  let c = 0xffffffff;
  for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
/** A valid 2×2 RGB PNG. */
function minimalPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), crypto.randomBytes(64), Buffer.from([0xff, 0xd9])]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), crypto.randomBytes(200)]);
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), crypto.randomBytes(200)]);

// ---- multipart bodies -------------------------------------------------------------------

interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer | string;
}
function multipart(parts: Part[]) {
  const boundary = `----sf${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disp = p.filename !== undefined ? `form-data; name="${p.name}"; filename="${p.filename}"` : `form-data; name="${p.name}"`;
    const head = `--${boundary}\r\nContent-Disposition: ${disp}\r\n${p.contentType ? `Content-Type: ${p.contentType}\r\n` : ''}\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const decisionFields = { documentNumber: '东公（禁）决字〔2026〕12号', issuedOn: '2026-10-01', issuingAuthority: '东城分局' };

function upload(c: Client, personId: string, meta: unknown, file?: { name: string; type?: string; data: Buffer }) {
  const parts: Part[] = [{ name: 'meta', data: typeof meta === 'string' ? meta : JSON.stringify(meta) }];
  if (file) parts.push({ name: 'file', filename: file.name, contentType: file.type ?? 'application/octet-stream', data: file.data });
  const body = multipart(parts);
  return c.req('POST', `/api/persons/${personId}/documents`, body.payload, body.headers);
}

/** Every file under the files directory, temporary ones included. */
function filesOnDisk(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).map((f) => path.join(root, f)).filter((f) => fs.statSync(f).isFile());
}

describe('file types from the bytes', () => {
  it('detects PDF, PNG and JPEG by their signatures, nothing else', () => {
    expect(detectFileType(minimalPdf('x'))).toBe('pdf');
    expect(detectFileType(minimalPng())).toBe('png');
    expect(detectFileType(JPEG)).toBe('jpeg');
    expect(detectFileType(EXE)).toBeNull();
    expect(detectFileType(ZIP)).toBeNull();
    expect(detectFileType(Buffer.from('%PD'))).toBeNull();
  });

  it.each([
    ['pdf', 'a.pdf', 'application/pdf', true],
    ['pdf', 'A.PDF', 'application/octet-stream', true],
    ['pdf', 'a.pdf', undefined, true],
    ['jpeg', 'scan.JPG', 'image/jpeg', true],
    ['jpeg', 'scan.jpeg', 'image/jpg', true],
    ['png', 'a.pdf', 'image/png', false],
    ['pdf', 'a.pdf', 'image/png', false],
    ['pdf', 'decision', 'application/pdf', false],
    ['png', 'a.png.exe', 'image/png', false],
  ] as const)('%s named %s (%s) agrees: %s', (type, name, mime, ok) => {
    expect(declaredAgrees(type, name, mime)).toBe(ok);
  });

  it('cleans names and writes an RFC 8187 disposition', () => {
    expect(cleanFileName('C:\\scans\\..\\决定书\u0000.pdf', 'pdf')).toBe('决定书.pdf');
    expect(cleanFileName('../../', 'png')).toBe('document.png');
    expect(inlineDisposition('决定书 "1".pdf')).toBe(`inline; filename="___ _1_.pdf"; filename*=UTF-8''%E5%86%B3%E5%AE%9A%E4%B9%A6%20%221%22.pdf`);
  });
});

describe.each(testDbKinds())('documents on %s', (kind) => {
  // One app and its users per file; every test files its own person, measure and documents.
  let t: TestApp;
  let admin: Client;
  let officer: Client;
  let otherOfficer: Client;
  let socialWorker: Client;
  let gridWorker: Client;
  let units: Awaited<ReturnType<typeof cityWithCommunity>>;
  let dataDir: string;
  let filesDir: string;
  const pdf = minimalPdf('DECISION-PLAINTEXT-MARKER');
  const png = minimalPng();
  const MAX_MB = 1;

  const documentCount = async () => Number((await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from documents`))[0]!.n);

  /** A person of the east street under an active community detox (reported 2026-10-05). */
  async function personUnderDetox() {
    const personId = await buildPerson(t, officer, { orgUnitId: units.community });
    const detoxId = await buildMeasureRow(t, personId, 'community_detox', 'active', { reportDate: '2026-10-05' });
    return { personId, detoxId };
  }

  /** The decision of `detoxId`, uploaded by the officer as a real PDF; returns its id. */
  async function uploadDecision(personId: string, detoxId: string): Promise<string> {
    const res = await upload(
      officer,
      personId,
      { kind: 'decision', measureId: detoxId, fields: decisionFields },
      { name: '责令社区戒毒决定书.pdf', type: 'application/pdf', data: pdf },
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  async function uploadPhoto(personId: string, by: Client = socialWorker): Promise<string> {
    const res = await upload(by, personId, { kind: 'other', fields: { description: '报到现场照片' } }, { name: 'photo.png', type: 'image/png', data: png });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-docs-'));
    filesDir = path.join(dataDir, 'files');
    t = await startTestApp(kind, { DATA_DIR: dataDir, SUNFLOWER_DOCUMENT_MAX_MB: String(MAX_MB) });
    admin = await adminClient(t);
    units = await cityWithCommunity(admin);
    officer = await userWith(t, admin, 'officer.east', 'officer', units.street);
    otherOfficer = await userWith(t, admin, 'officer.other', 'officer', units.otherStreet);
    socialWorker = await userWith(t, admin, 'sw.east', 'social_worker', units.street);
    gridWorker = await userWith(t, admin, 'grid.east', 'grid_worker', units.street);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('M1/C2: the checklist of an active community detox lists the decision and the agreement as missing', async () => {
    const { personId, detoxId } = await personUnderDetox();
    const res = await officer.get(`/api/measures/${detoxId}/checklist`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      measureId: detoxId,
      personId,
      measureKind: 'community_detox',
      measureStatus: 'active',
      complete: false,
      items: [
        { kind: 'decision', required: true, present: false, documentIds: [] },
        { kind: 'agreement', required: true, present: false, documentIds: [] },
      ],
    });
  });

  it('uploads a real PDF decision: stored encrypted, 0600 in a 0700 directory, outside any public path', async () => {
    const { personId, detoxId } = await personUnderDetox();
    const filesBefore = new Set(filesOnDisk(filesDir));
    const res = await upload(
      officer,
      personId,
      { kind: 'decision', measureId: detoxId, fields: decisionFields },
      { name: '责令社区戒毒决定书.pdf', type: 'application/pdf', data: pdf },
    );
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({
      personId,
      measureId: detoxId,
      kind: 'decision',
      title: `决定书 ${decisionFields.documentNumber}`,
      fields: decisionFields,
      fileName: '责令社区戒毒决定书.pdf',
      mimeType: 'application/pdf',
      size: pdf.length,
      status: 'valid',
      withdrawnAt: null,
      uploadedByName: 'officer.east',
      sha256: crypto.createHash('sha256').update(pdf).digest('hex'),
    });
    const files = filesOnDisk(filesDir).filter((f) => !filesBefore.has(f));
    expect(files).toHaveLength(1);
    const file = files[0]!;
    expect(path.relative(filesDir, file)).toBe(path.join('2026', '11', d.id));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.dirname(path.dirname(file))).mode & 0o777).toBe(0o700);
    // P6: the bytes on disk are not the plaintext.
    const stored = fs.readFileSync(file);
    expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    expect(stored.includes(Buffer.from('DECISION-PLAINTEXT-MARKER'))).toBe(false);
    expect(stored.includes(pdf.subarray(0, 64))).toBe(false);
  });

  it('uploads a real PNG (a social worker holds document.write)', async () => {
    const { personId } = await personUnderDetox();
    const res = await upload(socialWorker, personId, { kind: 'other', fields: { description: '报到现场照片' } }, { name: 'photo.png', type: 'image/png', data: png });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'other', title: '其他文书', mimeType: 'image/png', size: png.length, measureId: null });
  });

  it('lists the documents; the listing is audited as a person read', async () => {
    const { personId, detoxId } = await personUnderDetox();
    const decisionId = await uploadDecision(personId, detoxId);
    await uploadPhoto(personId);
    const res = await officer.get(`/api/persons/${personId}/documents`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toBe(2);
    expect(res.json().items.map((d: { kind: string }) => d.kind)).toEqual(['decision', 'other']);
    const byMeasure = await officer.get(`/api/persons/${personId}/documents?measureId=${detoxId}`);
    expect(byMeasure.json().items.map((d: { id: string }) => d.id)).toEqual([decisionId]);
    const audit = (await admin.get(`/api/audit?personId=${personId}&action=person.documents.read`)).json();
    expect(audit.total).toBe(2);
    expect(audit.items[0].actorName).toBe('officer.east');
  });

  it('downloads the same bytes with safe headers; the download is audited with the person', async () => {
    const { personId, detoxId } = await personUnderDetox();
    const decisionId = await uploadDecision(personId, detoxId);
    const photoId = await uploadPhoto(personId);
    const res = await officer.get(`/api/documents/${decisionId}/file`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(pdf)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`inline;`);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('责令社区戒毒决定书.pdf')}`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('private, no-store');
    const png2 = await officer.get(`/api/documents/${photoId}/file`);
    expect(png2.headers['content-type']).toBe('image/png');
    expect(png2.rawPayload.equals(png)).toBe(true);

    const audit = (await admin.get(`/api/audit?personId=${personId}&action=document.download`)).json();
    expect(audit.total).toBe(2);
    expect(audit.items.map((a: { entityId: string }) => a.entityId)).toContain(decisionId);
    const upl = (await admin.get(`/api/audit?personId=${personId}&action=document.upload`)).json();
    expect(upl.total).toBe(2);
    expect(upl.items.find((a: { entityId: string }) => a.entityId === decisionId).details).toMatchObject({
      kind: 'decision',
      sha256: crypto.createHash('sha256').update(pdf).digest('hex'),
    });
    const orgPaths = await rows<{ p: string }>(t.database.db, sql`select distinct org_path as p from audit_log where action like 'document.%' and person_id = ${personId}`);
    expect(orgPaths.map((r) => r.p)).toEqual([expect.stringMatching(/\//)]);
  });

  it('C2: the checklist counts the decision once uploaded', async () => {
    const { personId, detoxId } = await personUnderDetox();
    const decisionId = await uploadDecision(personId, detoxId);
    const res = (await officer.get(`/api/measures/${detoxId}/checklist`)).json();
    expect(res.complete).toBe(false);
    expect(res.items[0]).toEqual({ kind: 'decision', required: true, present: true, documentIds: [decisionId] });
    expect(res.items[1]).toMatchObject({ kind: 'agreement', present: false });
    const agreement = await upload(
      officer,
      personId,
      { kind: 'agreement', measureId: detoxId, fields: { signedOn: '2026-10-05', parties: ['张三', '东华门街道'] } },
      { name: 'agreement.jpg', type: 'image/jpeg', data: JPEG },
    );
    expect(agreement.statusCode, agreement.body).toBe(201);
    const after = (await officer.get(`/api/measures/${detoxId}/checklist`)).json();
    expect(after.complete).toBe(true);
  });

  describe('bad files are refused precisely, and nothing is saved', () => {
    let personId: string;
    let before: { rows: number; files: number };
    const expectNothingSaved = async () => {
      expect(await documentCount()).toBe(before.rows);
      expect(filesOnDisk(filesDir)).toHaveLength(before.files);
    };
    // Each case files its own person and counts what is stored just before it runs.
    beforeEach(async () => {
      personId = (await personUnderDetox()).personId;
      before = { rows: await documentCount(), files: filesOnDisk(filesDir).length };
    });

    it('a .pdf name carrying PNG bytes → document.type_mismatch', async () => {
      const res = await upload(officer, personId, { kind: 'decision', fields: decisionFields }, { name: '决定书.pdf', type: 'application/pdf', data: png });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('document.type_mismatch');
      expect(res.json().error.message['zh-CN']).toContain('PNG');
      expect(res.json().error.message['en-US']).toBe('The name or type says .pdf (application/pdf) but the content is PNG: check the file and upload it again');
      await expectNothingSaved();
    });

    it('PDF bytes declared as image/png → document.type_mismatch', async () => {
      const res = await upload(officer, personId, { kind: 'decision', fields: decisionFields }, { name: 'a.pdf', type: 'image/png', data: pdf });
      expect(res.json().error.code).toBe('document.type_mismatch');
      await expectNothingSaved();
    });

    it.each([
      ['an .exe', 'setup.exe', EXE],
      ['a zip', 'scans.zip', ZIP],
      ['a zip named .pdf', 'scans.pdf', ZIP],
      ['text', 'note.txt', Buffer.from('hello')],
    ])('%s → document.type_unsupported', async (_l, name, data) => {
      const res = await upload(officer, personId, { kind: 'other', fields: { description: 'x' } }, { name, data });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('document.type_unsupported');
      await expectNothingSaved();
    });

    it('over the size limit → document.too_large (413)', async () => {
      const big = Buffer.concat([pdf, Buffer.alloc(MAX_MB * 1024 * 1024)]);
      const res = await upload(officer, personId, { kind: 'decision', fields: decisionFields }, { name: 'big.pdf', data: big });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('document.too_large');
      expect(res.json().error.message['zh-CN']).toContain('1 MB');
      await expectNothingSaved();
    });

    it('exactly at the size limit is accepted', async () => {
      const exact = Buffer.concat([pdf, Buffer.alloc(MAX_MB * 1024 * 1024 - pdf.length, 0x20)]);
      const res = await upload(officer, personId, { kind: 'other', fields: { description: '满额' } }, { name: 'exact.pdf', data: exact });
      expect(res.statusCode, res.body).toBe(201);
      expect(await documentCount()).toBe(before.rows + 1);
      expect(filesOnDisk(filesDir)).toHaveLength(before.files + 1);
    });

    it('an empty file → document.empty; no file → document.file_required', async () => {
      const empty = await upload(officer, personId, { kind: 'other', fields: { description: 'x' } }, { name: 'empty.pdf', data: Buffer.alloc(0) });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.code).toBe('document.empty');
      const none = await upload(officer, personId, { kind: 'other', fields: { description: 'x' } });
      expect(none.json().error.code).toBe('document.file_required');
      await expectNothingSaved();
    });

    it('two files → document.one_file; a JSON body → 415', async () => {
      const body = multipart([
        { name: 'meta', data: JSON.stringify({ kind: 'other', fields: { description: 'x' } }) },
        { name: 'file', filename: 'a.pdf', data: pdf },
        { name: 'file', filename: 'b.pdf', data: pdf },
      ]);
      const two = await officer.req('POST', `/api/persons/${personId}/documents`, body.payload, body.headers);
      expect(two.statusCode).toBe(400);
      expect(two.json().error.code).toBe('document.one_file');
      const json = await officer.post(`/api/persons/${personId}/documents`, { kind: 'other' });
      expect(json.statusCode).toBe(415);
      expect(json.json().error.code).toBe('document.multipart_required');
      await expectNothingSaved();
    });

    it.each([
      ['a date in the future', { kind: 'decision', fields: { ...decisionFields, issuedOn: '2026-12-01' } }, 'meta.fields.issuedOn', 'document.date_future'],
      ['a missing field', { kind: 'decision', fields: { documentNumber: 'x', issuedOn: '2026-10-01' } }, 'meta.fields.issuingAuthority', 'validation.required'],
      [
        'a field of another kind',
        { kind: 'warning_letter', fields: { issuedOn: '2026-10-01', reason: '未按时报到', documentNumber: 'x' } },
        'meta.fields',
        'validation.unrecognized_keys',
      ],
      ['an unknown kind', { kind: 'letter', fields: {} }, 'meta.kind', 'validation.invalid_union'],
      ['a bad date', { kind: 'agreement', fields: { signedOn: '2026-02-30' } }, 'meta.fields.signedOn', 'validation.invalid_format'],
      ['malformed JSON', '{"kind": ', 'meta', 'document.meta_malformed'],
    ])('%s in meta → a field error', async (_l, meta, pathName, code) => {
      const res = await upload(officer, personId, meta, { name: 'a.pdf', data: pdf });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: pathName, code })]));
      await expectNothingSaved();
    });

    it("another person's measure → document.measure_invalid", async () => {
      const otherPersonId = await buildPerson(t, otherOfficer, { orgUnitId: units.otherStreet, name: '王五' });
      const theirs = await buildMeasureRow(t, otherPersonId, 'community_detox', 'awaiting_report');
      const res = await upload(officer, personId, { kind: 'decision', measureId: theirs, fields: decisionFields }, { name: 'a.pdf', data: pdf });
      expect(res.json().error.fields[0]).toMatchObject({ path: 'meta.measureId', code: 'document.measure_invalid' });
      await expectNothingSaved();
    });

    it('a failure inside the transaction leaves neither a row nor a file', async () => {
      const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-docs-fail-'));
      const failingAudit: AuditService = {
        ...t.services.audit,
        record: async () => {
          throw new Error('audit down');
        },
      };
      const svc = createDocumentService({
        db: t.database.db,
        clock: t.clock,
        audit: failingAudit,
        persons: t.services.persons,
        filesDir: scratch,
        fileCipher: createFileCipher(createCipher(crypto.randomBytes(32)).deriveKey('files')),
        maxFileBytes: 1024 * 1024,
        measureOf: (exec, id) => t.services.measures.byId(exec, id),
      });
      const actor = (await t.services.auth.principal(officer.cookie.split('=')[1]!)) as Principal;
      await expect(
        svc.upload({ actor, ip: null, userAgent: null }, personId, { kind: 'decision', fields: decisionFields }, { fileName: 'a.pdf', mimeType: 'application/pdf', bytes: pdf }),
      ).rejects.toThrow('audit down');
      expect(filesOnDisk(scratch)).toEqual([]);
      fs.rmSync(scratch, { recursive: true, force: true });
      await expectNothingSaved();
    });
  });

  it('out of scope: the person, the document and the checklist answer 404', async () => {
    const { personId, detoxId } = await personUnderDetox();
    const decisionId = await uploadDecision(personId, detoxId);
    const up = await upload(otherOfficer, personId, { kind: 'decision', fields: decisionFields }, { name: 'a.pdf', data: pdf });
    expect(up.statusCode).toBe(404);
    expect((await otherOfficer.get(`/api/persons/${personId}/documents`)).statusCode).toBe(404);
    const file = await otherOfficer.get(`/api/documents/${decisionId}/file`);
    expect(file.statusCode).toBe(404);
    expect(file.json().error.code).toBe('document.not_found');
    expect((await otherOfficer.get(`/api/measures/${detoxId}/checklist`)).json().error.code).toBe('measure.not_found');
    expect((await otherOfficer.req('DELETE', `/api/documents/${decisionId}`, { reason: '误传' })).statusCode).toBe(404);
    expect((await officer.get(`/api/documents/${crypto.randomUUID()}/file`)).statusCode).toBe(404);
  });

  it('without document.write no upload: a grid worker, and a social-worker role stripped of it', async () => {
    const { personId, detoxId } = await personUnderDetox();
    const decisionId = await uploadDecision(personId, detoxId);
    const grid = await upload(gridWorker, personId, { kind: 'other', fields: { description: 'x' } }, { name: 'a.png', data: png });
    expect(grid.statusCode).toBe(403);
    expect((await gridWorker.get(`/api/persons/${personId}/documents`)).statusCode).toBe(403);
    const role = await admin.post('/api/roles', {
      code: 'social_worker_docs_read',
      nameZh: '社工（只读文书）',
      nameEn: 'Social worker (read documents)',
      permissions: ['org.read', 'person.read', 'person.write', 'document.read', 'supervision.read', 'supervision.write'],
    });
    expect(role.statusCode, role.body).toBe(201);
    const sw = await userWith(t, admin, 'sw.readonly', 'social_worker_docs_read', units.street);
    const res = await upload(sw, personId, { kind: 'other', fields: { description: 'x' } }, { name: 'a.png', data: png });
    expect(res.statusCode).toBe(403);
    expect((await sw.req('DELETE', `/api/documents/${decisionId}`, { reason: '误传' })).statusCode).toBe(403);
    expect((await sw.get(`/api/persons/${personId}/documents`)).statusCode).toBe(200);
  });

  it('withdrawing keeps the document and its file, marks it, and it no longer satisfies the checklist', async () => {
    const { personId, detoxId } = await personUnderDetox();
    const decisionId = await uploadDecision(personId, detoxId);
    const filesBefore = filesOnDisk(filesDir).length;
    expect((await officer.req('DELETE', `/api/documents/${decisionId}`, {})).statusCode).toBe(400);
    const res = await officer.req('DELETE', `/api/documents/${decisionId}`, { reason: '文号录入错误，重新上传' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: decisionId, status: 'withdrawn', withdrawnByName: 'officer.east', withdrawReason: '文号录入错误，重新上传' });
    expect(filesOnDisk(filesDir)).toHaveLength(filesBefore);
    const again = await officer.req('DELETE', `/api/documents/${decisionId}`, { reason: '再次撤回' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('document.already_withdrawn');

    const list = (await officer.get(`/api/persons/${personId}/documents`)).json().items;
    expect(list.find((d: { id: string }) => d.id === decisionId).status).toBe('withdrawn');
    const valid = (await officer.get(`/api/persons/${personId}/documents?includeWithdrawn=false`)).json().items;
    expect(valid.map((d: { id: string }) => d.id)).not.toContain(decisionId);
    const checklist = (await officer.get(`/api/measures/${detoxId}/checklist`)).json();
    expect(checklist.complete).toBe(false);
    expect(checklist.items[0]).toEqual({ kind: 'decision', required: true, present: false, documentIds: [] });
    // The legal record stays readable.
    expect((await officer.get(`/api/documents/${decisionId}/file`)).rawPayload.equals(pdf)).toBe(true);
    const audit = (await admin.get(`/api/audit?personId=${personId}&action=document.withdraw`)).json();
    expect(audit.total).toBe(1);
    expect(audit.items[0].purpose).toBe('文号录入错误，重新上传');
  });

  it('C8/C10/M4: checklists of other measure kinds and statuses', async () => {
    const otherPersonId = await buildPerson(t, otherOfficer, { orgUnitId: units.otherStreet, name: '王五' });
    const completed = await buildMeasureRow(t, otherPersonId, 'community_rehab', 'completed', { reportDate: '2023-10-01' });
    const items = (await otherOfficer.get(`/api/measures/${completed}/checklist`)).json().items.map((i: { kind: string }) => i.kind);
    expect(items).toEqual(['decision', 'agreement', 'release_notice']);
    const iso = await buildMeasureRow(t, otherPersonId, 'compulsory_isolation', 'converted');
    expect((await otherOfficer.get(`/api/measures/${iso}/checklist`)).json().items.map((i: { kind: string }) => i.kind)).toEqual(['decision', 'handover_receipt']);
    const vol = await buildMeasureRow(t, otherPersonId, 'voluntary_treatment', 'active');
    expect((await otherOfficer.get(`/api/measures/${vol}/checklist`)).json()).toMatchObject({ complete: true, items: [] });
    expect((await officer.get(`/api/measures/${crypto.randomUUID()}/checklist`)).statusCode).toBe(404);
  });

  it('uploads and withdrawals appear on the person timeline', async () => {
    const { personId, detoxId } = await personUnderDetox();
    const decisionId = await uploadDecision(personId, detoxId);
    expect((await officer.req('DELETE', `/api/documents/${decisionId}`, { reason: '文号录入错误，重新上传' })).statusCode).toBe(200);
    const agreement = await upload(
      officer,
      personId,
      { kind: 'agreement', measureId: detoxId, fields: { signedOn: '2026-10-05', parties: ['张三', '东华门街道'] } },
      { name: 'agreement.jpg', type: 'image/jpeg', data: JPEG },
    );
    expect(agreement.statusCode, agreement.body).toBe(201);
    const items = (await officer.get(`/api/persons/${personId}/timeline`)).json().items as { kind: string; title: { 'zh-CN': string }; refId: string }[];
    const docs = items.filter((i) => i.kind === 'document');
    expect(docs.map((d) => d.title['zh-CN'])).toEqual(expect.arrayContaining(['上传文书 · 决定书', '撤回文书 · 决定书', '上传文书 · 协议']));
  });

  it('every row has its file and every file its row', async () => {
    const { personId, detoxId } = await personUnderDetox();
    await uploadDecision(personId, detoxId);
    await uploadPhoto(personId);
    const stored = await rows<{ id: string; k: string }>(t.database.db, sql`select id, storage_key as k from documents`);
    const onDisk = filesOnDisk(filesDir)
      .map((f) => path.relative(filesDir, f).split(path.sep).join('/'))
      .sort();
    expect(onDisk).toEqual(stored.map((r) => r.k).sort());
    expect(onDisk.some((f) => f.includes('.tmp-'))).toBe(false);
  });

  it('the routes are declared with document permissions and org scope, and described in OpenAPI', async () => {
    const mine = t.routes.filter((r) => r.method !== 'HEAD' && (r.url.includes('/documents') || r.url.endsWith('/checklist')));
    expect(mine.map((r) => `${r.method} ${r.url} ${r.access.permission} ${r.access.scope}`).sort()).toEqual([
      'DELETE /api/documents/:id document.write org_subtree',
      'GET /api/documents/:id/file document.read org_subtree',
      'GET /api/measures/:measureId/checklist document.read org_subtree',
      'GET /api/persons/:personId/documents document.read org_subtree',
      'POST /api/persons/:personId/documents document.write org_subtree',
    ]);
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/persons/{personId}/documents', '/api/documents/{id}/file', '/api/measures/{measureId}/checklist']));
  });
});
