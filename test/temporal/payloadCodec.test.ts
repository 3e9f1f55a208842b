import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import {
  AesGcmPayloadCodec,
  ENCRYPTED_ENCODING,
  generatePayloadCodecKey,
  parsePayloadCodecKeys,
  type PayloadCodecKey,
} from '../../temporal/payloadCodec';

const key = (id: string): PayloadCodecKey => ({ id, key: randomBytes(32) });
const plan = { contactId: 'c-1', phoneNumbers: [{ number: '+15550100042', type: 'mobile' }] };
const payloadOf = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
const text = (p: Payload) =>
  Buffer.from(p.data ?? []).toString('latin1') + Object.values(p.metadata ?? {}).map((v) => Buffer.from(v).toString('latin1'));

test('a payload round-trips, and its encrypted form holds neither the number nor the original encoding', async () => {
  const codec = new AesGcmPayloadCodec([key('k1')]);
  const [encrypted] = await codec.encode([payloadOf(plan)]);
  expect(Buffer.from(encrypted!.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
  expect(Buffer.from(encrypted!.metadata!['encryption-key-id']!).toString()).toBe('k1');
  expect(text(encrypted!)).not.toContain('15550100042');
  expect(text(encrypted!)).not.toContain('json/plain');
  const [decoded] = await codec.decode([encrypted!]);
  expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(plan);
  expect(Buffer.from(decoded!.metadata!.encoding!).toString()).toBe('json/plain');
});

test('the same value encrypts differently each time (random IV)', async () => {
  const codec = new AesGcmPayloadCodec([key('k1')]);
  const [a, b] = await codec.encode([payloadOf(plan), payloadOf(plan)]);
  expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
});

test('an altered ciphertext, tag or key id is refused', async () => {
  const codec = new AesGcmPayloadCodec([key('k1'), key('k2')]);
  const [encrypted] = await codec.encode([payloadOf(plan)]);
  for (const index of [0, 20, encrypted!.data!.length - 1]) {
    const data = Buffer.from(encrypted!.data!);
    data[index] = data[index]! ^ 1;
    await expect(codec.decode([{ ...encrypted!, data }])).rejects.toThrow(/failed authentication/);
  }
  // Relabelled with another listed key id: the key id is authenticated data.
  const relabelled = { ...encrypted!, metadata: { ...encrypted!.metadata, 'encryption-key-id': Buffer.from('k2') } };
  await expect(codec.decode([relabelled])).rejects.toThrow(/failed authentication/);
  await expect(codec.decode([{ ...encrypted!, data: Buffer.alloc(10) }])).rejects.toThrow(/truncated/);
});

test('rotation: the first key encrypts, every listed key decrypts, an unlisted key id is named', async () => {
  const oldKey = key('old');
  const newKey = key('new');
  const before = new AesGcmPayloadCodec([oldKey]);
  const after = new AesGcmPayloadCodec([newKey, oldKey]);
  const [written] = await before.encode([payloadOf(plan)]);
  expect(defaultPayloadConverter.fromPayload((await after.decode([written!]))[0]!)).toEqual(plan);
  const [rewritten] = await after.encode([payloadOf(plan)]);
  expect(Buffer.from(rewritten!.metadata!['encryption-key-id']!).toString()).toBe('new');
  await expect(before.decode([rewritten!])).rejects.toThrow(/key id "new", which is not in PAYLOAD_CODEC_KEYS/);
});

test('payloads without the encryption marker pass through (history from before the codec)', async () => {
  const codec = new AesGcmPayloadCodec([key('k1')]);
  const plain = payloadOf(plan);
  const empty: Payload = {};
  expect(await codec.decode([plain, empty])).toEqual([plain, empty]);
});

test('PAYLOAD_CODEC_KEYS parses id:base64 entries and refuses bad ones without echoing the key', () => {
  const entry = generatePayloadCodecKey(new Date('2027-01-02T03:04:05Z'));
  expect(entry).toMatch(/^k20270102-030405:/);
  const second = `older:${randomBytes(32).toString('base64')}`;
  const keys = parsePayloadCodecKeys(` ${entry} , ${second}`);
  expect(keys.map((k) => k.id)).toEqual(['k20270102-030405', 'older']);
  expect(keys.every((k) => k.key.length === 32)).toBe(true);

  const short = randomBytes(16).toString('base64');
  expect(() => parsePayloadCodecKeys('')).toThrow(/at least one/);
  expect(() => parsePayloadCodecKeys(`k1:${short}`)).toThrow(/key "k1" must be 32 bytes/);
  expect(() => parsePayloadCodecKeys(`k1:${short}`)).not.toThrow(new RegExp(short.replace(/[+/=]/g, '.')));
  expect(() => parsePayloadCodecKeys('k1:not base64!')).toThrow(/must be 32 bytes/);
  expect(() => parsePayloadCodecKeys(randomBytes(32).toString('base64'))).toThrow(/entry 1 must be id:base64key/);
  expect(() => parsePayloadCodecKeys(`${entry},${entry}`)).toThrow(/twice/);
});
