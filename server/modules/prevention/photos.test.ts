import crypto from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDbKinds, type Client } from '../../test/harness';
import { auditLog } from '../audit/schema';
import { world, type World } from '../../test/supervision-world';

// Issue 16 item 1: photos of a publicity activity (consent recorded, no person under a measure).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8 '), crypto.randomBytes(18)]);
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(40)]);

function multipart(meta: unknown, file?: { name: string; type: string; data: Buffer }) {
  const boundary = `----sf${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  if (meta !== undefined) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="meta"\r\n\r\n${JSON.stringify(meta)}\r\n`));
  if (file) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(testDbKinds())('activity photos on %s', (kind) => {
  let w: World;
  beforeAll(async () => {
    w = await world(kind, {}, 'ph');
  });
  afterAll(() => w.t.close());

  const ok = { consent: 'consent_recorded', noMeasuredPerson: true };
  const upload = (
    c: Client,
    activityId: string,
    meta: unknown = ok,
    file: { name: string; type: string; data: Buffer } | null = { name: 'stand.png', type: 'image/png', data: PNG },
  ) => {
    const body = multipart(meta, file ?? undefined);
    return c.req('POST', `/api/prevention/activities/${activityId}/photos`, body.payload, body.headers);
  };
  async function activity(c: Client, orgUnitId: string): Promise<string> {
    const res = await c.post('/api/prevention/activities', {
      orgUnitId,
      kind: 'market_stand',
      title: '集市禁毒宣传',
      audiences: ['residents'],
      heldOn: '2026-06-20',
      organiser: '社区',
      partners: [],
      attendees: 80,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }

  it('uploads a PNG, lists it, serves the same bytes, audits without the image, and deletes it', async () => {
    const id = await activity(w.worker, w.units.community);
    const res = await upload(w.worker, id);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ activityId: id, mimeType: 'image/png', size: PNG.length, consent: 'consent_recorded', noMeasuredPerson: true });
    const photoId = res.json().id;
    const list = (await w.worker.get(`/api/prevention/activities/${id}/photos`)).json();
    expect(list).toMatchObject({ total: 1, max: 9, items: [{ id: photoId }] });
    const file = await w.worker.get(`/api/prevention/photos/${photoId}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(PNG)).toBe(true);
    const audits = await w.t.services.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audits.find((a) => a.action === 'publicity.photo_add')).toMatchObject({ details: { photoId, format: 'png', size: PNG.length, consent: 'consent_recorded' } });
    expect((await w.worker.del(`/api/prevention/photos/${photoId}`)).statusCode).toBe(200);
    expect((await w.worker.get(`/api/prevention/photos/${photoId}/file`)).statusCode).toBe(404);
    expect((await w.worker.get(`/api/prevention/activities/${id}/photos`)).json().total).toBe(0);
    const after = await w.t.services.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(after.some((a) => a.action === 'publicity.photo_delete')).toBe(true);
  });

  it('accepts WebP and "no recognisable person"; refuses other types and a lying type with 400', async () => {
    const id = await activity(w.worker, w.units.community);
    const webp = await upload(w.worker, id, { consent: 'no_recognisable_person', noMeasuredPerson: true }, { name: 'a.webp', type: 'image/webp', data: WEBP });
    expect(webp.statusCode, webp.body).toBe(201);
    expect(webp.json()).toMatchObject({ mimeType: 'image/webp', consent: 'no_recognisable_person' });
    const pdf = await upload(w.worker, id, ok, { name: 'a.pdf', type: 'application/pdf', data: PDF });
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.code).toBe('publicity_photo.type_unsupported');
    expect(pdf.json().error.message).toMatchObject({ 'zh-CN': expect.stringContaining('JPG'), 'en-US': expect.stringContaining('WebP') });
    const lying = await upload(w.worker, id, ok, { name: 'a.png', type: 'image/jpeg', data: PNG });
    expect(lying.json().error.code).toBe('publicity_photo.type_mismatch');
    expect((await upload(w.worker, id, ok, null)).json().error.code).toBe('publicity_photo.file_required');
  });

  it('refuses a photo without the no-measured-person confirmation or without the consent (400, zh-CN and en-US)', async () => {
    const id = await activity(w.worker, w.units.community);
    const res = await upload(w.worker, id, { consent: 'consent_recorded', noMeasuredPerson: false });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toContainEqual(expect.objectContaining({ path: 'meta.noMeasuredPerson', code: 'publicity_photo.confirm_required' }));
    const field = res.json().error.fields.find((f: { path: string }) => f.path === 'meta.noMeasuredPerson');
    expect(field.message).toMatchObject({ 'zh-CN': expect.stringContaining('措施'), 'en-US': expect.stringContaining('under a measure') });
    const noConsent = await upload(w.worker, id, { noMeasuredPerson: true });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().error.fields).toContainEqual(expect.objectContaining({ path: 'meta.consent' }));
    expect((await w.worker.get(`/api/prevention/activities/${id}/photos`)).json().total).toBe(0);
  });

  it('takes at most 9 photos per activity: the 10th is a 400', async () => {
    const id = await activity(w.worker, w.units.community);
    for (let i = 0; i < 9; i++) expect((await upload(w.worker, id)).statusCode).toBe(201);
    const tenth = await upload(w.worker, id);
    expect(tenth.statusCode).toBe(400);
    expect(tenth.json().error.code).toBe('publicity_photo.too_many');
    expect((await w.worker.get(`/api/prevention/activities/${id}/photos`)).json().total).toBe(9);
  });

  it("is scoped like the activity: another unit's activity and photo are a 404", async () => {
    const theirs = await activity(w.outsider, w.units.otherStreet);
    const photo = await upload(w.outsider, theirs);
    expect(photo.statusCode, photo.body).toBe(201);
    expect((await upload(w.worker, theirs)).statusCode).toBe(404);
    expect((await w.worker.get(`/api/prevention/activities/${theirs}/photos`)).statusCode).toBe(404);
    expect((await w.worker.get(`/api/prevention/photos/${photo.json().id}/file`)).statusCode).toBe(404);
    expect((await w.worker.del(`/api/prevention/photos/${photo.json().id}`)).json().error.code).toBe('publicity_photo.not_found');
    expect((await w.outsider.get(`/api/prevention/photos/${photo.json().id}/file`)).statusCode).toBe(200);
  });
});
