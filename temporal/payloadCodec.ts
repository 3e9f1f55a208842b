import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/**
 * Workflow inputs, results, signals, queries and memos hold phone numbers in full; this codec encrypts
 * every payload before it leaves the process, so Temporal's history (and its UI) holds only ciphertext.
 * An operator with the admin role sees them in clear through the API's /codec/decode.
 */

/** The metadata marking a payload this codec wrote: Temporal's usual encoding name for encrypted payloads. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
const CIPHER = 'AES-256-GCM';
const KEY_ID_KEY = 'encryption-key-id';
const CIPHER_KEY = 'encryption-cipher';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface PayloadCodecKey {
  id: string;
  key: Buffer;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * `PAYLOAD_CODEC_KEYS`: `id:base64key` entries separated by commas, each key 32 random bytes. The
 * first encrypts; every listed key decrypts, so a rotation puts the new key first and keeps the old
 * ones until no retained history uses them. Errors never echo a key.
 */
export function parsePayloadCodecKeys(raw: string, name = 'PAYLOAD_CODEC_KEYS'): PayloadCodecKey[] {
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error(`${name} must list at least one id:base64key entry`);
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    const encoded = colon > 0 ? entry.slice(colon + 1) : '';
    if (!KEY_ID.test(id)) throw new Error(`${name} entry ${index + 1} must be id:base64key with an id of letters, digits, '.', '_' or '-'`);
    if (seen.has(id)) throw new Error(`${name} lists the key id "${id}" twice`);
    seen.add(id);
    const key = /^[A-Za-z0-9+/]+={0,2}$/.test(encoded) ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
    if (key.length !== KEY_BYTES) throw new Error(`${name} key "${id}" must be ${KEY_BYTES} bytes in base64 (44 characters)`);
    return { id, key };
  });
}

/** A fresh key entry for PAYLOAD_CODEC_KEYS; the id is the creation date, so a rotation's keys sort by age. */
export function generatePayloadCodecKey(now = new Date()): string {
  const id = `k${now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}`;
  return `${id}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly encryptKey: PayloadCodecKey;
  private readonly keys: Map<string, Buffer>;

  constructor(keys: readonly PayloadCodecKey[]) {
    if (keys.length === 0) throw new Error('the payload codec needs at least one key');
    for (const k of keys) if (k.key.length !== KEY_BYTES) throw new Error(`payload codec key "${k.id}" must be ${KEY_BYTES} bytes`);
    this.encryptKey = keys[0]!;
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const { id, key } = this.encryptKey;
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      // The key id is bound to the ciphertext: a payload relabelled with another key id fails to decrypt.
      cipher.setAAD(encoder.encode(id));
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: {
          encoding: encoder.encode(ENCRYPTED_ENCODING),
          [CIPHER_KEY]: encoder.encode(CIPHER),
          [KEY_ID_KEY]: encoder.encode(id),
        },
        data: new Uint8Array(sealed),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const metadata = payload.metadata ?? {};
      // History written before the codec was enabled (or by another converter) reads as it is.
      if (!metadata.encoding || decoder.decode(metadata.encoding) !== ENCRYPTED_ENCODING) return payload;
      const id = metadata[KEY_ID_KEY] ? decoder.decode(metadata[KEY_ID_KEY]) : '';
      const key = this.keys.get(id);
      if (!key) throw new Error(`payload encrypted with key id "${id}", which is not in PAYLOAD_CODEC_KEYS`);
      const data = Buffer.from(payload.data ?? new Uint8Array());
      if (data.length < IV_BYTES + TAG_BYTES) throw new Error('encrypted payload is truncated');
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAAD(encoder.encode(id));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      } catch {
        throw new Error(`encrypted payload failed authentication with key "${id}" (altered, or another key with that id)`);
      }
      const decoded = temporal.api.common.v1.Payload.decode(plain);
      return { metadata: decoded.metadata ?? {}, data: decoded.data ?? new Uint8Array() };
    });
  }
}

/** The data converter option for a Worker or Client: the codec when one is configured, the SDK default otherwise. */
export function codecDataConverter(codec: PayloadCodec | undefined): { payloadCodecs: PayloadCodec[] } | undefined {
  return codec ? { payloadCodecs: [codec] } : undefined;
}
