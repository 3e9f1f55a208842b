export { deliveryWorkflow } from './delivery';
export * from './deliveryMessages';
