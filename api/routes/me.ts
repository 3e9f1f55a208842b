import { Router } from 'express';
import type { AppDeps } from '../appDeps';
import { ROLES, requireRole } from '../auth';

/**
 * GET /v1/me: the roles of the key that calls, so a client (the console) shows only what they allow, and
 * the representative it is bound to (the preview desk works as that one).
 */
export function meRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/v1/me', requireRole(deps.db, ...ROLES), (req, res) => {
    res.json({ roles: req.roles ?? [], representativeId: req.representativeId ?? null });
  });
  return router;
}
