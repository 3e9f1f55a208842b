import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The layout is the architecture: these checks keep it so. Value imports only (an `import type` is
 * erased at compile time and cannot create a load-order cycle or pull I/O into workflow code).
 */
const ROOT = path.resolve(__dirname, '../..');
const SOURCE_FOLDERS = [
  'activities',
  'api',
  'bench',
  'console',
  'db',
  'domain',
  'intake',
  'runtime',
  'scripts',
  'simulator',
  'temporal',
  'workflowStarts',
  'workflows',
];
const MAX_LINES = 400;

function sourceFiles(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const rel = path.join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path.join(ROOT, rel)).isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [rel] : [];
  });
}

const files = [...SOURCE_FOLDERS.flatMap(sourceFiles), ...readdirSync(ROOT).filter((f) => f.endsWith('.ts'))];
const sources = new Map(files.map((f) => [f, readFileSync(path.join(ROOT, f), 'utf8')]));

/** Relative value imports of a file, resolved to repository paths. */
function valueImports(file: string): string[] {
  const text = sources.get(file)!;
  const specifiers: string[] = [];
  const pattern = /^\s*(import|export)\s+(?!type\s)([^'";]*?from\s+)?['"](\.[^'"]+)['"]/gm;
  for (const m of text.matchAll(pattern)) {
    const clause = m[2] ?? '';
    // `import { type A, type B } from` is type-only too.
    const names = /\{([^}]*)\}/.exec(clause)?.[1];
    if (names && !/^\s*\w+\s*,/.test(clause) && names.split(',').every((n) => n.trim() === '' || n.trim().startsWith('type '))) continue;
    specifiers.push(m[3]!);
  }
  return specifiers.map((s) => resolveImport(file, s)).filter((f): f is string => f !== undefined);
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = path.normalize(path.join(path.dirname(from), specifier));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) if (sources.has(candidate)) return candidate;
  return undefined;
}

const folderOf = (file: string) => (file.includes(path.sep) ? file.split(path.sep)[0]! : '.');
const graph = new Map(files.map((f) => [f, valueImports(f)]));

function findCycle(nodes: string[], edges: (n: string) => string[]): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'open') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'open');
    stack.push(n);
    for (const m of edges(n)) {
      const cycle = visit(m);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of nodes) {
    const cycle = visit(n);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('layout', () => {
  it(`keeps every source file at or under ${MAX_LINES} lines`, () => {
    const long = files.filter((f) => sources.get(f)!.split('\n').length > MAX_LINES);
    expect(long).toEqual([]);
  });

  it('has no import cycle between files', () => {
    expect(findCycle(files, (f) => graph.get(f) ?? [])).toBeUndefined();
  });

  it('has no import cycle between folders', () => {
    const folders = [...new Set(files.map(folderOf))];
    const folderEdges = new Map(folders.map((d) => [d, new Set<string>()]));
    for (const [f, deps] of graph) for (const d of deps) if (folderOf(d) !== folderOf(f)) folderEdges.get(folderOf(f))!.add(folderOf(d));
    expect(findCycle(folders, (d) => [...folderEdges.get(d)!])).toBeUndefined();
  });

  it('keeps domain/ pure: no I/O libraries, no Node built-ins, no imports from outside domain/', () => {
    const offenders = files
      .filter((f) => folderOf(f) === 'domain')
      .filter(
        (f) =>
          /from\s+['"](node:|pg['"]|kysely|express|@temporalio\/(client|worker|activity))/.test(sources.get(f)!) ||
          graph.get(f)!.some((d) => folderOf(d) !== 'domain'),
      );
    expect(offenders).toEqual([]);
  });

  it('keeps workflow code deterministic: no Node built-ins or I/O libraries, activities imported as types only', () => {
    const offenders = files
      .filter((f) => folderOf(f) === 'workflows')
      .filter(
        (f) =>
          /from\s+['"](node:|fs|path|crypto|pg['"]|kysely|express|@temporalio\/(client|worker|activity))/.test(sources.get(f)!) ||
          graph.get(f)!.some((d) => ['activities', 'api', 'db', 'runtime', 'intake'].includes(folderOf(d))),
      );
    expect(offenders).toEqual([]);
  });

  it('has exactly one module that inserts into deliveries (outside migrations)', () => {
    const writers = files.filter(
      (f) => !f.includes(`db${path.sep}migrations`) && /insertInto\(\s*['"]deliveries['"]\s*\)/.test(sources.get(f)!),
    );
    expect(writers).toHaveLength(1);
  });
});
