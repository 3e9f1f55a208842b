import type { Payload } from '@temporalio/common';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../appDeps';
import { requireRole } from '../auth';
import { ApiError } from '../errors';

/**
 * The Temporal codec server protocol (what the Temporal UI and `temporal --codec-endpoint` call):
 * POST /codec/decode and /codec/encode with `{ payloads: [{ metadata: { k: base64 }, data: base64 }] }`.
 * Decoding shows phone numbers in clear, so only admins may; the UI calls from its own origin, hence CORS.
 */
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const codecBody = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() })).max(10_000),
});
type WirePayload = z.infer<typeof codecBody>['payloads'][number];

function fromWire(p: WirePayload): Payload {
  const metadata: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(p.metadata ?? {})) metadata[k] = Buffer.from(v, 'base64');
  return { metadata, data: Buffer.from(p.data ?? '', 'base64') };
}

function toWire(p: Payload): { metadata: Record<string, string>; data: string } {
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.metadata ?? {})) if (v) metadata[k] = Buffer.from(v).toString('base64');
  return { metadata, data: Buffer.from(p.data ?? new Uint8Array()).toString('base64') };
}

/** CORS for the configured UI origins only; the preflight answers before authentication (browsers send it bare). */
function codecCors(allowedOrigins: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const origin = req.header('origin');
    res.vary('Origin');
    if (origin && allowedOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  };
}

export function codecRouter(deps: AppDeps): Router {
  const router = Router();
  const settings = deps.payloadCodec;
  // Without PAYLOAD_CODEC_KEYS there is nothing to decode: the routes are absent (404).
  if (!settings) return router;
  const { codec, namespace, allowedOrigins } = settings;

  router.use('/codec', codecCors(allowedOrigins));
  for (const action of ['decode', 'encode'] as const) {
    router.post(`/codec/${action}`, requireRole(deps.db, 'admin'), async (req, res) => {
      const requested = req.header('x-namespace');
      if (requested && requested !== namespace) {
        throw new ApiError(400, 'unknown_namespace', `this codec serves the namespace "${namespace}", not "${requested}"`, [
          { path: 'X-Namespace', message: `must be "${namespace}"` },
        ]);
      }
      const parsed = codecBody.safeParse(req.body);
      if (!parsed.success) throw ApiError.validation(parsed.error);
      const payloads = parsed.data.payloads.map(fromWire);
      let result: Payload[];
      try {
        result = action === 'decode' ? await codec.decode(payloads) : await codec.encode(payloads);
      } catch (err) {
        throw new ApiError(400, 'payload_not_decodable', (err as Error).message, [{ path: 'payloads', message: (err as Error).message }]);
      }
      res.json({ payloads: result.map(toWire) });
    });
  }
  return router;
}
