/**
 * How a delivery ends when something outside the engine closed its workflow (Temporal UI, CLI, a lost
 * namespace), so the workflow's own record and the reconciler's say the same.
 */
export const WORKFLOW_CANCELLED_DETAIL = 'its workflow was cancelled in Temporal (UI or CLI), not through the API';
