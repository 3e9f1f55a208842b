export { deliveryWorkflow } from './delivery';
export * from './deliveryMessages';
export { uploadSchedulingWorkflow } from './uploadScheduling';
