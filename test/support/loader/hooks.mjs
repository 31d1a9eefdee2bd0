/*
 * Module hooks for register.mjs: `./x.js` finds `./x.ts` or `./x.tsx`; .ts/.tsx are transpiled by
 * esbuild. Synchronous, so that they run in the loading thread (module.registerHooks); a file's
 * output is kept in node_modules/.cache/test-loader under a hash of its path, its text, the compiler
 * options and esbuild's version, so that of the 100-odd test processes of a run only the first
 * transpiles a file (importing the app: ~1.8 s → ~0.9 s per test process).
 *
 * Every other resolution is remembered for the run (in the run's work folder, see scripts/test.ts):
 * tap's process-info loader runs off-thread on Node 22 (module.register), so that each resolution
 * it does not short-circuit is a round trip to that thread, ~0.7 s per test process or CLI child
 * (1,400-odd resolutions in importing the app). A resolution is Node's own answer, read back by
 * later processes of the same run, over the same files; one that fails is not kept.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { transformSync, version as esbuildVersion } from 'esbuild';

// The compiler options esbuild honours (JSX factory, verbatimModuleSyntax) come from the project's own tsconfig.json.
const { compilerOptions } = JSON.parse(readFileSync(new URL('../../../tsconfig.json', import.meta.url), 'utf8'));
const typescript = /\.(ts|tsx|mts)$/;
const cacheDir = fileURLToPath(new URL('../../../node_modules/.cache/test-loader/', import.meta.url));
const optionsKey = JSON.stringify({ esbuildVersion, compilerOptions });

/** This run's resolutions (key → [url, format]), when in the loading thread of a test run's process. */
const resolutionsFile = isMainThread && process.env.KANSRIJK_TEST_WORK_DIR ? path.join(process.env.KANSRIJK_TEST_WORK_DIR, 'module-resolutions.json') : null;
let resolutions;
const learned = new Map();

function readResolutions() {
  try {
    return new Map(Object.entries(JSON.parse(readFileSync(resolutionsFile, 'utf8'))));
  } catch {
    return new Map(); // none yet (or being replaced right now: this process asks Node again)
  }
}

function keepLearned() {
  if (learned.size === 0) return;
  // Merged with what other processes wrote meanwhile; written aside and renamed (one may be lost: it is learned again).
  const all = Object.fromEntries([...readResolutions(), ...learned]);
  const partial = `${resolutionsFile}.${process.pid}`;
  try {
    writeFileSync(partial, JSON.stringify(all));
    renameSync(partial, resolutionsFile);
  } catch {
    // The run's work folder is gone (the run ends): nothing to keep.
  }
}

function rememberedResolve(specifier, context, nextResolve) {
  if (!resolutionsFile) return nextResolve(specifier, context);
  if (!resolutions) {
    resolutions = readResolutions();
    process.once('exit', keepLearned);
  }
  const key = `${specifier}\0${context.parentURL ?? ''}\0${context.conditions ?? ''}\0${JSON.stringify(context.importAttributes ?? {})}`;
  const known = resolutions.get(key);
  if (known) return known[1] ? { url: known[0], format: known[1], shortCircuit: true } : { url: known[0], shortCircuit: true };
  const result = nextResolve(specifier, context);
  const entry = typeof result.format === 'string' ? [result.url, result.format] : [result.url];
  resolutions.set(key, entry);
  learned.set(key, entry);
  return result;
}

export function resolve(specifier, context, nextResolve) {
  if (specifier.endsWith('.js') && (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:')) && context.parentURL) {
    const target = new URL(specifier, context.parentURL);
    if (target.protocol === 'file:' && !existsSync(target)) {
      for (const extension of ['.ts', '.tsx']) {
        const candidate = new URL(target.href.replace(/\.js$/, extension));
        if (existsSync(candidate)) return { url: candidate.href, format: 'module', shortCircuit: true };
      }
    }
  }
  return rememberedResolve(specifier, context, nextResolve);
}

export function load(url, context, nextLoad) {
  // A built-in, and an ES module as its file's text: what Node's own loader answers, without the
  // round trip (see above).
  if (context.format === 'builtin') return { format: 'builtin', source: null, shortCircuit: true };
  if (!url.startsWith('file:')) return nextLoad(url, context);
  if (!typescript.test(new URL(url).pathname)) {
    if (context.format === 'module') return { format: 'module', source: readFileSync(fileURLToPath(url)), shortCircuit: true };
    return nextLoad(url, context);
  }
  const file = fileURLToPath(url);
  const source = readFileSync(file, 'utf8');
  const key = createHash('sha1').update(optionsKey).update('\0').update(file).update('\0').update(source).digest('hex');
  const cached = `${cacheDir}${key}.js`;
  if (existsSync(cached)) return { format: 'module', source: readFileSync(cached, 'utf8'), shortCircuit: true };
  const result = transformSync(source, {
    loader: file.endsWith('.tsx') ? 'tsx' : 'ts',
    format: 'esm',
    target: 'node22',
    sourcefile: file,
    sourcemap: 'inline',
    tsconfigRaw: { compilerOptions },
  });
  // Written aside and renamed: test processes running side by side never read half a file.
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${cached}.${process.pid}`;
  writeFileSync(partial, result.code);
  renameSync(partial, cached);
  return { format: 'module', source: result.code, shortCircuit: true };
}
