import { DIAL_MODES } from '../../../domain/engagement';
import { PRODUCT_DIAL_MODES, productDialMode } from '../../../domain/delivery/productDialModes';

test("every engine dial mode has the product's word; unknown values pass through", () => {
  expect(DIAL_MODES.map((m) => productDialMode(m))).toEqual(['Preview', 'Progressive', 'Predictive', 'Copilot']);
  for (const m of DIAL_MODES) expect(PRODUCT_DIAL_MODES).toContain(productDialMode(m));
  expect(productDialMode(null)).toBeNull();
  expect(productDialMode('Copilot')).toBe('Copilot');
});
