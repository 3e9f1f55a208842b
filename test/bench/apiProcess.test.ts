/** The bench runs the API with the flags of package.json's `api` script, its defaults expanded as the shell would. */
import path from 'node:path';
import { apiScriptNodeArgs } from '../../bench/apiProcess';

const bundle = path.join(__dirname, '..', '..', 'dist', 'api.cjs');

test("the api script's heap limit, by default and as API_MAX_OLD_SPACE_MIB sets it, and the bundle's absolute path", () => {
  expect(apiScriptNodeArgs({})).toEqual(['--max-old-space-size=512', '--enable-source-maps', bundle]);
  expect(apiScriptNodeArgs({ API_MAX_OLD_SPACE_MIB: '1024' })[0]).toBe('--max-old-space-size=1024');
  // An empty value falls back to the default, as `${VAR:-default}` does.
  expect(apiScriptNodeArgs({ API_MAX_OLD_SPACE_MIB: '' })[0]).toBe('--max-old-space-size=512');
});
