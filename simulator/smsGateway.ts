/**
 * SMS gateway contract (ours; the engine speaks it to the simulator and to any real gateway behind an adapter).
 *
 *   POST /sms/messages
 *   Content-Type: application/json
 *   { "From": "+15550109999", "To": "+15550100001", "Body": "Your order ORD123 ships today", "ClientReference": "<unique per intended message>" }
 *
 * All four fields are required, non-empty strings (other fields are ignored).
 *
 *   200 { "MessageId": "<id>", "Status": "Sent" }
 *   200 { "MessageId": "<id>", "Status": "Failed", "Error": "<why>" }
 *   400 { "error": "invalid request", "fields": [{ "path": "To", "message": "…" }] }   nothing recorded
 *   500 { "error": "…" }                                                              nothing recorded; retry
 *
 * Idempotency: a request repeating a ClientReference already accepted returns the same MessageId, Status
 * (and Error) and sends nothing more, whatever its other fields. The status is final at once (no
 * delivery receipts), so "Sent" means the gateway accepted the message for delivery.
 *
 * Simulator admin endpoints (not part of the contract):
 *   PUT  /sim/sms/numbers/:number  { "status": "Sent" | "Failed" }   later messages to that number get it (default Sent)
 *   PUT  /sim/sms/faults           { "failNextMessages"?: n, "responseDelayMs"?: ms }
 *   GET  /sim/messages             { requestsReceived, messages: [{ messageId, clientReference, from, to, body, status, error?, receivedAt }] }
 */
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { SMS_STATUSES, type SmsSink } from './smsSink';

const nonEmpty = (name: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${name} is required (a non-empty string)` : `${name} must be a string`) })
    .min(1, { error: `${name} must not be empty` });

const sendRequest = z.object({
  From: nonEmpty('From'),
  To: nonEmpty('To'),
  Body: nonEmpty('Body'),
  ClientReference: nonEmpty('ClientReference'),
});

function badRequest(res: Response, error: z.ZodError): void {
  res.status(400).json({ error: 'invalid request', fields: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
}

/** The SMS gateway contract (POST /sms/messages) and its /sim/* admin endpoints, over `sms`. */
export function createSmsRouter(sms: SmsSink): express.Router {
  const router = express.Router();

  router.post('/sms/messages', async (req: Request, res: Response) => {
    sms.requestsReceived += 1;
    const parsed = sendRequest.safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    const delay = sms.fault.responseDelayMs ?? 0;
    if (sms.fault.failNextMessages && sms.fault.failNextMessages > 0) {
      sms.fault.failNextMessages -= 1;
      res.status(500).json({ error: 'simulated SMS gateway failure' });
      return;
    }
    const message = sms.send({
      from: parsed.data.From,
      to: parsed.data.To,
      body: parsed.data.Body,
      clientReference: parsed.data.ClientReference,
    });
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    res.json({ MessageId: message.messageId, Status: message.status, ...(message.error !== undefined ? { Error: message.error } : {}) });
  });

  router.get('/sim/messages', (_req, res) => {
    res.json({ requestsReceived: sms.requestsReceived, messages: sms.listMessages() });
  });
  router.get('/sim/sms/numbers', (_req, res) => {
    res.json(sms.getNumbers());
  });
  router.put('/sim/sms/numbers/:number', (req: Request<{ number: string }>, res: Response) => {
    const parsed = z
      .object({ status: z.enum(SMS_STATUSES) })
      .strict()
      .safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    sms.setNumber(req.params.number, parsed.data.status);
    res.json({ number: req.params.number, status: parsed.data.status });
  });
  router.put('/sim/sms/faults', (req: Request, res: Response) => {
    const parsed = z
      .object({ failNextMessages: z.number().int().min(0).optional(), responseDelayMs: z.number().int().min(0).optional() })
      .strict()
      .safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    sms.fault = parsed.data;
    res.json(sms.fault);
  });
  return router;
}
