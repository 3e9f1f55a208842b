import express from 'express';
import type pino from 'pino';
import pinoHttp from 'pino-http';
import { CREDENTIAL_HEADER_PATHS, redactQuery, redactUrl, SECRET_FIELD_PATHS } from '../runtime/logRedaction';
import type { AppDeps } from './appDeps';
import { ApiError, errorHandler } from './errors';
import { healthCheck } from './healthCheck';
import { idempotencyKeyGuard } from './idempotencyKey';
import { ROLES, requireRole } from './auth';
import { consoleSite } from './consoleSite';
import { createMetrics } from './metrics';
import { openApiDocument } from './openapi';
import { requestIdFor, requestIdScope } from './requestId';
import { boardRouter } from './routes/board';
import { campaignControlRouter } from './routes/campaignControl';
import { cancellationPoliciesRouter } from './routes/cancellationPolicies';
import { codecRouter } from './routes/codec';
import { deliveriesRouter } from './routes/deliveries';
import { deliveryListRouter } from './routes/deliveryList';
import { reportsRouter } from './routes/reports';
import { resultDestinationRouter } from './routes/resultDestination';
import { pacingRouter } from './routes/pacing';
import { deliveryActionsRouter } from './routes/deliveryActions';
import { engagementsRouter } from './routes/engagements';
import { meRouter } from './routes/me';
import { previewsRouter } from './routes/previews';
import { seedCompatRouter } from './routes/seedCompat';
import { seedDeliveryTasksRouter } from './routes/seedDeliveryTasks';
import { seedOperationsRouter } from './routes/seedOperations';
import { isSeedBulkRequest, seedBulkDeliveriesRouter } from './routes/seedBulkDeliveries';
import { seedAvailabilityRouter } from './routes/seedAvailability';
import { seedProactiveDeliveryRouter } from './routes/seedProactiveDelivery';
import { seedSimpleDeliveriesRouter } from './routes/seedSimpleDeliveries';
import { isUploadRequest, uploadsRouter } from './routes/uploads';

export type { AppDeps } from './appDeps';

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    pinoHttp({
      logger: deps.logger,
      // A credential is never logged, wherever the client put it (headers or the query string).
      redact: [...CREDENTIAL_HEADER_PATHS, ...SECRET_FIELD_PATHS],
      serializers: {
        req: (req: ReturnType<typeof pino.stdSerializers.req> & { query?: unknown }) =>
          Object.assign(req, { url: redactUrl(req.url), query: redactQuery(req.query) }),
      },
      genReqId: requestIdFor,
      customProps: (req) => ({ requestId: req.id }),
    }),
  );
  app.use((_req, res, next) => {
    // Responses are per-caller data: never sniffed as another type, never cached by a proxy or browser.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  const json = express.json({ limit: '1mb' });
  // An upload's body is the file, whatever its declared type: the route answers 415 for non-CSV.
  // A bulk request reads its larger body with its own limit (api/routes/seedBulkDeliveries.ts).
  app.use((req, res, next) => (isUploadRequest(req) || isSeedBulkRequest(req) ? next() : json(req, res, next)));
  app.use(requestIdScope);
  app.use(idempotencyKeyGuard);
  const metrics = createMetrics(deps.db);
  app.use(metrics.middleware);
  const openApi = openApiDocument();
  // Every endpoint but /healthz needs a key: the document for any role, metrics for supervisors.
  app.get('/openapi.json', requireRole(deps.db, ...ROLES), (_req, res) => {
    res.json(openApi);
  });
  app.get('/metrics', requireRole(deps.db, 'supervisor'), async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.get('/healthz', healthCheck(deps));
  app.use(consoleSite(deps.consoleDist));
  app.use(meRouter(deps));
  app.use(seedCompatRouter(deps));
  app.use(seedProactiveDeliveryRouter(deps));
  app.use(seedSimpleDeliveriesRouter(deps));
  app.use(seedBulkDeliveriesRouter(deps));
  app.use(seedOperationsRouter(deps));
  app.use(seedDeliveryTasksRouter(deps));
  app.use(seedAvailabilityRouter(deps));
  app.use(deliveryListRouter(deps));
  app.use(deliveriesRouter(deps));
  app.use(reportsRouter(deps));
  app.use(pacingRouter(deps));
  app.use(deliveryActionsRouter(deps));
  app.use(engagementsRouter(deps));
  app.use(campaignControlRouter(deps));
  app.use(boardRouter(deps));
  app.use(previewsRouter(deps));
  app.use(cancellationPoliciesRouter(deps));
  app.use(uploadsRouter(deps));
  app.use(codecRouter(deps));
  app.use(resultDestinationRouter(deps));

  app.use((req, _res) => {
    throw new ApiError(404, 'not_found', `no route ${req.method} ${req.path}`);
  });
  app.use(errorHandler);
  return app;
}
