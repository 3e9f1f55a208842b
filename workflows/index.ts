export { deliveryWorkflow } from './delivery';
export { dispatcherWorkflow } from './dispatcher';
export * from './deliveryMessages';
export * from './dispatcherMessages';
export { uploadSchedulingWorkflow } from './uploadScheduling';
