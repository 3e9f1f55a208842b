import express, { type Request, type Response } from 'express';
import { parseScenario } from '../domain/callModel';
import type { DialerSimulator } from './dialerSimulator';

/**
 * The stochastic mode at run time:
 *   GET    /sim/stochastic                 the scenario, the shift hour and the draws so far (null when off)
 *   PUT    /sim/stochastic[?name=scenario] a scenario object (missing fields from the defaults) or a whole
 *                                          scenario file (bench/pacing/scenarios.json; `name` picks one,
 *                                          else the first): on, from a fresh seeded stream; `null`: off
 *   DELETE /sim/stochastic                 off (scripted outcomes again)
 */
export function createStochasticRouter(dialer: DialerSimulator): express.Router {
  const router = express.Router();
  router.get('/sim/stochastic', (_req, res) => {
    res.json(dialer.getStochastic());
  });
  router.put('/sim/stochastic', (req: Request, res: Response) => {
    if (req.body === null) {
      dialer.setStochastic(null);
      res.json(null);
      return;
    }
    const name = typeof req.query.name === 'string' ? req.query.name : undefined;
    try {
      dialer.setStochastic(parseScenario(JSON.stringify(req.body), name));
    } catch (err) {
      res.status(400).json({ error: (err as Error).message, fields: [] });
      return;
    }
    res.json(dialer.getStochastic());
  });
  router.delete('/sim/stochastic', (_req, res) => {
    dialer.setStochastic(null);
    res.json(null);
  });
  return router;
}
