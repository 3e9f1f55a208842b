import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import { ApiError } from '../errors';

/** The CSV intake limit (seed 001: "Maximum file size: 10 MB"). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export class BodyTooLargeError extends ApiError {
  constructor(limit: number) {
    super(413, 'body_too_large', `the file is larger than ${limit} bytes (10 MB); nothing was stored`);
  }
}

/** Counts bytes as they pass and fails the stream past the limit, so an oversized body is never read whole. */
class ByteLimit extends Transform {
  bytes = 0;
  private lastReport = 0;

  constructor(
    private readonly limit: number,
    private readonly onProgress: (bytes: number) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return done(new BodyTooLargeError(this.limit));
    if (this.bytes - this.lastReport >= 1024 * 1024) {
      this.lastReport = this.bytes;
      this.onProgress(this.bytes);
    }
    done(null, chunk);
  }
}

/** Where an upload's body is kept while it is processed (kept across an API crash, to resume storing). */
export function spoolPath(uploadId: string): string {
  return path.join(os.tmpdir(), 'engine-uploads', `${uploadId}.csv`);
}

export interface SpooledBody {
  path: string;
  bytes: number;
  remove(): Promise<void>;
}

/**
 * Streams the request body to a private temporary file (never whole in memory), refusing it past
 * `limit` bytes. The file is read twice (validation, then storage) and removed afterwards: uploads
 * are not kept (seed 001: "The uploaded file isn't stored in any form").
 */
export async function spoolBody(
  req: Request,
  uploadId: string,
  limit: number,
  onProgress: (bytes: number) => void = () => undefined,
): Promise<SpooledBody> {
  const file = spoolPath(uploadId);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const remove = () => rm(file, { force: true });
  const counter = new ByteLimit(limit, onProgress);
  try {
    await pipeline(req, counter, createWriteStream(file, { mode: 0o600 }));
  } catch (err) {
    await remove();
    if (err instanceof ApiError) throw err;
    throw new ApiError(
      400,
      'upload_interrupted',
      `the upload was interrupted before the end of the file; nothing was stored: ${(err as Error).message}`,
    );
  }
  return { path: file, bytes: counter.bytes, remove };
}
