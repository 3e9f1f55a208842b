export { deliveryWorkflow } from './delivery';
export { dispatcherWorkflow } from './dispatcher';
export * from './deliveryMessages';
export * from './dispatcherMessages';
export { reconcilerWorkflow } from './reconciler';
export { uploadSchedulingWorkflow } from './uploadScheduling';
