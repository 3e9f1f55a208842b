import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { FINAL_CALL_STATES } from '../domain/callState';
import type { DialerSimulator } from './dialerSimulator';
import { parseScenarioInputs } from './scenarioInputs';
import { createAvailabilityRouter } from './availabilityRoutes';
import { callResultItem } from './callResults';
import { VOICE_PRODUCT_RESULTS } from '../domain/delivery/productOutcomes';
import { createSmsRouter } from './smsGateway';
import { SmsSink } from './smsSink';
import { createStochasticRouter } from './stochasticRoutes';

const scenarioInput = z.object({ Name: z.string(), Value: z.string() });

/** Required fields of POST /v2/call (seed 004). */
const callRequest = z.object({
  Project: z.string().min(1),
  Tenant: z.string().min(1),
  ConversationId: z.string().min(1),
  AccessToken: z.string(),
  ScenarioPath: z.string().min(1),
  OrchestratorUrl: z.string().min(1),
  EndUser: z.object({ Name: z.string().optional(), Phone: z.string().optional(), Email: z.string().optional() }).optional(),
  Locale: z.string().optional(),
  ScenarioInputParameters: z.array(scenarioInput),
  ResultDestination: z.string().optional(),
  SendResultImmediately: z.boolean().optional(),
});

const callResultRequest = z.object({ UniqueIds: z.array(z.string()).min(1) });

const scriptedOutcome = z.object({
  state: z.enum(FINAL_CALL_STATES),
  ringMs: z.number().int().min(0).optional(),
  answeringMachine: z.boolean().optional(),
  abandoned: z.boolean().optional(),
  sipCode: z.number().int().min(100).max(699).optional(),
  sipDiagnostics: z.string().optional(),
  result: z.enum(VOICE_PRODUCT_RESULTS).optional(),
  resultAttributes: z.record(z.string(), z.string()).optional(),
  talkMs: z.number().int().min(0).optional(),
  wrapMs: z.number().int().min(0).optional(),
});
const numberScript = z.union([scriptedOutcome, z.array(scriptedOutcome).min(1)]);

/** Body of PUT /sim/representatives (and of the simulator's `representatives` option). */
export const representativesConfig = z.object({ count: z.number().int().min(0), handleMs: z.number().int().min(0) }).strict();

function badRequest(res: Response, error: z.ZodError): void {
  res.status(400).json({ error: 'invalid request', fields: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
}

export interface SimulatorAppExtras {
  /** The SMS sink behind /sms/messages; a fresh one when not given. */
  sms?: SmsSink;
  /** What POST /sim/reset does; by default dialer.reset() and sms.reset(). */
  reset?: () => void;
}

/**
 * The dialer contract of seed 004 (/v2/call, /v2/callresult), the SMS gateway contract (smsGateway.ts),
 * plus /sim/* endpoints to script and inspect them.
 * Result facts beyond CallState (ConversationId, AnsweringMachine, Abandoned, VoicemailLeft, AbandonMessagePlayed,
 * WaitSeconds, TalkSeconds, WrapUpSeconds, SipCode, SipDiagnostics, Result, ResultAttributes) are extra fields a real provider would map in;
 * PUT /sim/contract {"seed004Only": true} leaves them out. A call placed with ResultDestination and
 * SendResultImmediately gets its result pushed there when it ends (callResults.ts).
 */
export function createSimulatorApp(dialer: DialerSimulator, extras: SimulatorAppExtras = {}): express.Express {
  const sms = extras.sms ?? new SmsSink();
  const reset =
    extras.reset ??
    (() => {
      dialer.reset();
      sms.reset();
    });
  const app = express();
  // strict: false so that PUT /sim/representatives accepts a bare `null`; zod refuses other non-objects.
  app.use(express.json({ limit: '1mb', strict: false }));

  app.post('/v2/call', async (req: Request, res: Response) => {
    dialer.requestsReceived += 1;
    const parsed = callRequest.safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    const inputs = Object.fromEntries(parsed.data.ScenarioInputParameters.map((p) => [p.Name, p.Value]));
    const destination = inputs._Destination;
    const displayNumber = inputs._DisplayNumber;
    if (!destination || !displayNumber) {
      res.status(400).json({ error: 'ScenarioInputParameters must include _Destination and _DisplayNumber' });
      return;
    }
    const scenario = parseScenarioInputs(inputs);
    if (scenario.errors.length > 0) {
      res.status(400).json({ error: 'invalid request', fields: scenario.errors });
      return;
    }
    let delay = dialer.fault.responseDelayMs ?? 0;
    if (delay > 0 && dialer.fault.slowNextCalls !== undefined) {
      if (dialer.fault.slowNextCalls > 0) dialer.fault.slowNextCalls -= 1;
      else delay = 0;
    }
    if (dialer.fault.failNextCalls && dialer.fault.failNextCalls > 0) {
      dialer.fault.failNextCalls -= 1;
      res.status(500).json({ error: 'simulated dialer failure' });
      return;
    }
    if (dialer.fault.rejectNextCalls && dialer.fault.rejectNextCalls > 0) {
      dialer.fault.rejectNextCalls -= 1;
      res.status(403).json({ error: 'simulated rejection: project not allowed to call' });
      return;
    }
    const call = dialer.placeCall({
      conversationId: parsed.data.ConversationId,
      project: parsed.data.Project,
      destination,
      displayNumber,
      inputs,
      accessToken: parsed.data.AccessToken,
      ...(parsed.data.ResultDestination && parsed.data.SendResultImmediately ? { resultDestination: parsed.data.ResultDestination } : {}),
    });
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    res.json({ UniqueId: call.uniqueId });
  });

  app.post('/v2/callresult', (req: Request, res: Response) => {
    const parsed = callResultRequest.safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    const CallResults = parsed.data.UniqueIds.flatMap((id) => {
      const result = dialer.resultOf(id);
      const call = result && dialer.call(id);
      if (!result || !call) return [];
      call.resultRequests += 1;
      return [callResultItem(call, result, dialer.seed004Only)];
    });
    res.json({ CallResults });
  });

  app.get('/sim/calls', (_req, res) => {
    res.json({ requestsReceived: dialer.requestsReceived, calls: dialer.listCalls() });
  });
  // Which contract the dialer speaks: seed 004 alone, or with the extra result fields.
  app.get('/sim/contract', (_req, res) => {
    res.json({ seed004Only: dialer.seed004Only });
  });
  app.put('/sim/contract', (req: Request, res: Response) => {
    const parsed = z.strictObject({ seed004Only: z.boolean() }).safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    dialer.seed004Only = parsed.data.seed004Only;
    res.json({ seed004Only: dialer.seed004Only });
  });
  app.get('/sim/script', (_req, res) => {
    res.json(dialer.getScript());
  });
  app.put('/sim/numbers/:number', (req: Request<{ number: string }>, res: Response) => {
    const parsed = numberScript.safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    dialer.setNumber(req.params.number, parsed.data);
    res.json({ number: req.params.number, script: parsed.data });
  });
  app.put('/sim/default', (req: Request, res: Response) => {
    const parsed = scriptedOutcome.safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    dialer.setDefaultOutcome(parsed.data);
    res.json(parsed.data);
  });
  app.put('/sim/faults', (req: Request, res: Response) => {
    const parsed = z
      .object({
        failNextCalls: z.number().int().min(0).optional(),
        rejectNextCalls: z.number().int().min(0).optional(),
        responseDelayMs: z.number().int().min(0).optional(),
        slowNextCalls: z.number().int().min(0).optional(),
      })
      .strict()
      .safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    dialer.fault = parsed.data;
    res.json(dialer.fault);
  });
  app.get('/sim/representatives', (_req, res) => {
    res.json(dialer.getRepresentatives());
  });
  app.put('/sim/representatives', (req: Request, res: Response) => {
    if (req.body === null) {
      dialer.setRepresentatives(null);
      res.json(null);
      return;
    }
    const parsed = representativesConfig.safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    dialer.setRepresentatives(parsed.data);
    res.json(dialer.getRepresentatives());
  });
  app.delete('/sim/representatives', (_req, res) => {
    dialer.setRepresentatives(null);
    res.json(null);
  });
  app.use(createSmsRouter(sms));
  app.use(createAvailabilityRouter(dialer));
  app.use(createStochasticRouter(dialer));
  app.post('/sim/reset', (_req, res) => {
    reset();
    res.json({ ok: true });
  });
  // Malformed JSON and other body errors: JSON, like every other answer.
  app.use((err: Error & { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    res.status(status).json({ error: status === 500 ? 'internal error' : err.message, fields: [] });
  });
  return app;
}
