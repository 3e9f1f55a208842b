/**
 * The product's dial-mode words (reference §8, `msdyn_dialmode_type`) for the engine's dial modes:
 * reporting columns and exports speak the product's words, the engine's settings keep its own.
 */
import type { DialMode } from '../engagement';

export const PRODUCT_DIAL_MODES = ['Copilot', 'Progressive', 'Preview', 'Predictive'] as const;
export type ProductDialMode = (typeof PRODUCT_DIAL_MODES)[number];

/** The AI-agent mode dials automatically and hands the answer to the agent: the product calls it Copilot. */
export const PRODUCT_DIAL_MODE: Record<DialMode, ProductDialMode> = {
  'ai-agent': 'Copilot',
  progressive: 'Progressive',
  preview: 'Preview',
  predictive: 'Predictive',
};

/** A stored dial mode as the product words it; a value the engine does not know is passed through. */
export function productDialMode(stored: string | null): string | null {
  if (stored === null) return null;
  return (PRODUCT_DIAL_MODE as Record<string, ProductDialMode | undefined>)[stored] ?? stored;
}
