/** The yardstick of bench:throughput: a workflow that does nothing (one workflow task, then complete). */
export async function noopWorkflow(): Promise<void> {}
