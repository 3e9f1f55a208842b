import { Router } from 'express';
import type { AppDeps } from '../appDeps';
import { requireRole } from '../auth';
import { engagementBoard, poolBoard } from '../liveBoard';
import { boardQuery, poolPath } from '../schemas/board';
import { parseRequest } from '../schemas/parseRequest';
import { engagementPath } from '../schemas/pathParams';

/** The live campaign board, per engagement and per dispatch pool (the console's board polls it). */
export function boardRouter(deps: AppDeps): Router {
  const router = Router();
  const supervisor = requireRole(deps.db, 'supervisor');
  router.get('/v1/engagements/:engagementId/board', supervisor, async (req, res) => {
    const { engagementId } = parseRequest(engagementPath, req.params);
    const { minutes } = parseRequest(boardQuery, req.query);
    res.json(await engagementBoard(deps, engagementId, minutes));
  });
  router.get('/v1/pools/:poolKey/board', supervisor, async (req, res) => {
    const { poolKey } = parseRequest(poolPath, req.params);
    const { minutes } = parseRequest(boardQuery, req.query);
    res.json(await poolBoard(deps, poolKey, minutes));
  });
  return router;
}
