/** The call model of a shift (scenario format, seeded draws): pure; shared by bench/pacing and the simulator. */
export * from './callSampler';
export * from './random';
export * from './scenario';
