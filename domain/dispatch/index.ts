/** Dispatch: which waiting delivery dials next and how many dial now. Pure; shared by workflows and activities. */
export * from './dialModeAllowance';
export * from './dialSlots';
export * from './dispatcherRun';
export * from './grantAtRequest';
export * from './pacingRules';
export * from './poolKey';
export * from './queueOrder';
export * from './slotAllocation';
export * from './tickPlanner';
export * from './tickSnapshot';
