import { Router } from 'express';
import type { AppDeps } from '../appDeps';
import { ROLES, requireRole } from '../auth';

/** GET /v1/me: the roles of the key that calls, so a client (the console) shows only what they allow. */
export function meRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/v1/me', requireRole(deps.db, ...ROLES), (req, res) => {
    res.json({ roles: req.roles ?? [] });
  });
  return router;
}
