/**
 * The request id of every HTTP request: the client's X-Request-Id when it is a sane token (visible
 * ASCII, at most 128 characters), else a new UUID; echoed in the response's X-Request-Id, on the
 * API's log lines (`requestId`), and carried into the workflows and activities the request starts,
 * signals or updates (temporal/requestIdHeader.ts). A malformed id is replaced, not refused: the id is
 * a tracing aid, and a proxy's odd header must not fail the request.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { runWithRequestId } from '../temporal/requestIdContext';

export const REQUEST_ID_MAX_LENGTH = 128;
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/** The client's id when acceptable, else undefined (a repeated header, too long, empty, spaces or non-ASCII). */
export function acceptedRequestId(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string' || header.length > REQUEST_ID_MAX_LENGTH || !VISIBLE_ASCII.test(header)) return undefined;
  return header;
}

/** pino-http's genReqId: the accepted or a generated id, echoed in the response header. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const id = acceptedRequestId(req.headers['x-request-id']) ?? randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** Runs the rest of the request's handling as work for its id (after the body is read: stream events lose the context). */
export function requestIdScope(req: Request, _res: Response, next: NextFunction): void {
  runWithRequestId(typeof req.id === 'string' ? req.id : undefined, next);
}
