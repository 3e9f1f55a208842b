import { acceptDelivery, type AcceptedDelivery, type IntakeDeps, type NewDeliveryRequest } from '../intake/deliveryIntake';
import { IntakeError, type IntakeErrorKind } from '../intake/intakeError';
import { ApiError, schedulingFailed } from './errors';

export type { NewDeliveryRequest };
export type DeliveryServiceDeps = IntakeDeps;
export type CreatedDelivery = AcceptedDelivery;

const STATUS: Record<IntakeErrorKind, number> = { invalid: 400, conflict: 409, unavailable: 503 };

/** Intake's refusals as API errors (same status, code, message and field). */
export function apiErrorOf(err: unknown): unknown {
  if (!(err instanceof IntakeError)) return err;
  return new ApiError(STATUS[err.kind], err.code, err.message, err.field ? [err.field] : undefined);
}

/** A delivery requested through the API (native or seed-compatible): intake, its refusals answered as API errors. */
export async function createDelivery(deps: IntakeDeps, request: NewDeliveryRequest, idempotencyKey?: string): Promise<CreatedDelivery> {
  try {
    return await acceptDelivery(deps, request, idempotencyKey);
  } catch (err) {
    if (err instanceof IntakeError || err instanceof ApiError) throw apiErrorOf(err);
    throw schedulingFailed(err, 'the delivery could not be scheduled, nothing was stored');
  }
}
