import { z } from 'zod';

// The console's Content-Security-Policy forbids eval: zod validates without its compiled fast path,
// and without probing for it (the browser reports the probe as a violation). Imported first by
// main.tsx, so it runs before any module that builds or parses a schema.
z.config({ jitless: true });
