/** The documentation of the engagement routes (tags Engagements, Campaigns, Reports, Uploads). */
import { idPath, type OpenAPIRegistry, operation } from './openApiRegistry';
import { exportQuery } from './routes/reports';
import { historyQuery, historyReportResponse } from './schemas/historyReport';
import { pacingQuery } from './routes/pacing';
import { boardQuery, boardResponse, poolPath } from './schemas/board';
import { pauseBody, priorityBody, resumeBody } from './schemas/campaignControl';
import { engagementConfigSchema } from './schemas/engagement';
import { engagementPath } from './schemas/pathParams';
import {
  controlResult,
  dispatcherStatusResponse,
  engagementListResponse,
  engagementView,
  exportResponse,
  pacingResponse,
  reportResponse,
  rowErrorsResponse,
  uploadListResponse,
  uploadSummary,
} from './schemas/responses';
import { errorsQuery, uploadListQuery, uploadQuery } from './schemas/uploads';

export function registerEngagementOperations(r: OpenAPIRegistry): void {
  operation(r, {
    tag: 'Engagements',
    method: 'post',
    path: '/v1/engagements',
    operationId: 'createEngagement',
    summary: 'Create an engagement (optionally with its own engagementId)',
    roles: ['admin'],
    body: engagementConfigSchema,
    responses: { 201: { description: 'Created', schema: engagementView } },
    errors: [409],
  });
  operation(r, {
    tag: 'Engagements',
    method: 'get',
    path: '/v1/engagements',
    operationId: 'listEngagements',
    summary: 'List engagements',
    roles: ['admin', 'supervisor', 'integration'],
    responses: { 200: { description: 'Engagements', schema: engagementListResponse } },
  });
  operation(r, {
    tag: 'Engagements',
    method: 'get',
    path: '/v1/engagements/:engagementId',
    operationId: 'getEngagement',
    summary: 'Read an engagement',
    roles: ['admin', 'supervisor', 'integration'],
    params: engagementPath,
    responses: { 200: { description: 'The engagement', schema: engagementView } },
    errors: [404],
  });
  operation(r, {
    tag: 'Engagements',
    method: 'put',
    path: '/v1/engagements/:engagementId',
    operationId: 'replaceEngagement',
    summary: "Replace an engagement's settings (deliveries accepted before keep theirs)",
    roles: ['admin'],
    params: engagementPath,
    body: engagementConfigSchema,
    responses: { 200: { description: 'The engagement', schema: engagementView } },
    errors: [404],
  });
  const controls = [
    ['pause', 'pauseEngagement', 'Pause a live campaign (calls in progress finish)', pauseBody, false],
    ['resume', 'resumeEngagement', 'Resume a paused campaign (operator or pacing-rule pause)', resumeBody, false],
  ] as const;
  for (const [action, operationId, summary, body, required] of controls)
    operation(r, {
      tag: 'Campaigns',
      method: 'post',
      path: `/v1/engagements/:engagementId/${action}`,
      operationId,
      summary,
      roles: ['supervisor'],
      params: engagementPath,
      body,
      bodyRequired: required,
      responses: { 200: { description: 'Applied', schema: controlResult } },
      errors: [404, 409],
    });
  operation(r, {
    tag: 'Campaigns',
    method: 'put',
    path: '/v1/engagements/:engagementId/priority',
    operationId: 'setEngagementPriority',
    summary: "Change a live campaign's priority",
    roles: ['supervisor'],
    params: engagementPath,
    body: priorityBody,
    responses: { 200: { description: 'Applied', schema: controlResult } },
    errors: [404, 409],
  });
  operation(r, {
    tag: 'Campaigns',
    method: 'get',
    path: '/v1/engagements/:engagementId/board',
    operationId: 'getEngagementBoard',
    summary:
      'The live board of an engagement: tiles, representatives, dialing, abandonment against the cap, backlog by state, per-minute series',
    roles: ['supervisor'],
    params: engagementPath,
    query: boardQuery,
    responses: { 200: { description: 'The board', schema: boardResponse } },
    errors: [404],
  });
  operation(r, {
    tag: 'Campaigns',
    method: 'get',
    path: '/v1/pools/:poolKey/board',
    operationId: 'getPoolBoard',
    summary: 'The live board of a dispatch pool (every engagement sharing its queue and skills)',
    roles: ['supervisor'],
    params: poolPath,
    query: boardQuery,
    responses: { 200: { description: 'The board', schema: boardResponse } },
    errors: [404],
  });
  operation(r, {
    tag: 'Campaigns',
    method: 'get',
    path: '/v1/engagements/:engagementId/dispatch',
    operationId: 'getDispatcherStatus',
    summary: "The engagement's pool dispatcher: its engagements, backlog counts, learnt answer probability",
    roles: ['supervisor'],
    params: engagementPath,
    responses: { 200: { description: 'Dispatcher status', schema: dispatcherStatusResponse } },
    errors: [404, 409],
  });
  operation(r, {
    tag: 'Campaigns',
    method: 'get',
    path: '/v1/engagements/:engagementId/pacing',
    operationId: 'getPacingDecisions',
    summary: 'What the dispatcher decided: minute aggregates and every recorded grant, throttle or pause',
    roles: ['supervisor'],
    params: engagementPath,
    query: pacingQuery,
    responses: { 200: { description: 'Pacing decisions', schema: pacingResponse } },
    errors: [404],
  });
  operation(r, {
    tag: 'Reports',
    method: 'get',
    path: '/v1/engagements/:engagementId/report',
    operationId: 'getEngagementReport',
    summary: 'Totals: deliveries by status and result, calls, answer and abandonment rates, SMS',
    roles: ['supervisor'],
    params: engagementPath,
    responses: { 200: { description: 'The report', schema: reportResponse } },
    errors: [404],
  });
  operation(r, {
    tag: 'Reports',
    method: 'get',
    path: '/v1/reports/history',
    operationId: 'getHistoryReport',
    summary: 'The historical dashboard: deliveries by status, result and dial mode; by engagement, queue and day',
    roles: ['supervisor'],
    query: historyQuery,
    responses: { 200: { description: 'The dashboard', schema: historyReportResponse } },
  });
  operation(r, {
    tag: 'Reports',
    method: 'get',
    path: '/v1/engagements/:engagementId/export',
    operationId: 'exportEngagement',
    summary: "The seed's reporting rows (deliveries or attributes) as JSON or CSV",
    roles: ['supervisor'],
    params: engagementPath,
    query: exportQuery,
    responses: { 200: { description: 'Rows (JSON; with format=csv, text/csv)', schema: exportResponse } },
    errors: [404],
  });
  operation(r, {
    tag: 'Uploads',
    method: 'post',
    path: '/v1/engagements/:engagementId/uploads',
    operationId: 'uploadContacts',
    summary: 'Upload a CSV contact list; validated, stored and scheduled in the background',
    roles: ['integration'],
    params: engagementPath,
    query: uploadQuery,
    rawBody: { contentType: 'text/csv', description: 'At most 10 MB; UniqueIdentifier and a phone column required' },
    responses: { 202: { description: 'Accepted', schema: uploadSummary } },
    errors: [404, 409, 413, 415],
  });
  operation(r, {
    tag: 'Uploads',
    method: 'get',
    path: '/v1/engagements/:engagementId/uploads',
    operationId: 'listUploads',
    summary: 'Uploads of an engagement, newest first',
    roles: ['integration', 'supervisor'],
    params: engagementPath,
    query: uploadListQuery,
    responses: { 200: { description: 'Uploads', schema: uploadListResponse } },
    errors: [404],
  });
  operation(r, {
    tag: 'Uploads',
    method: 'get',
    path: '/v1/uploads/:uploadId',
    operationId: 'getUpload',
    summary: 'An upload: its state, counters and first row errors',
    roles: ['integration', 'supervisor'],
    params: idPath('uploadId'),
    responses: { 200: { description: 'The upload', schema: uploadSummary } },
    errors: [404],
  });
  operation(r, {
    tag: 'Uploads',
    method: 'get',
    path: '/v1/uploads/:uploadId/errors',
    operationId: 'getUploadErrors',
    summary: 'Row errors by line, paged',
    roles: ['integration', 'supervisor'],
    params: idPath('uploadId'),
    query: errorsQuery,
    responses: { 200: { description: 'A page of row errors', schema: rowErrorsResponse } },
    errors: [404],
  });
}
