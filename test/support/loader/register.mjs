/*
 * The TypeScript loader of the test processes: `node --import=./test/support/loader/register.mjs`
 * (tap's `node-arg`). Each .ts/.tsx file is transpiled by esbuild, one file at a time, with an
 * inline source map and its lines kept, so that V8 coverage maps back to the sources.
 *
 * Why not tap's default (ts-node): it spends about 5 s of CPU per test process loading and running
 * the TypeScript compiler, over 150 test files. Why not tsx: it minifies whitespace, and tap's
 * coverage report cannot map that back (every file reads 100 %). Types are checked by `tsc --noEmit`.
 *
 * The hooks run in this thread (module.registerHooks, Node 22.15 and later): off-thread hooks
 * (module.register) cost a round trip to the hooks' thread per module, ~0.5 s per test process.
 */
import * as nodeModule from 'node:module';
import * as hooks from './hooks.mjs';

if (typeof nodeModule.registerHooks === 'function') nodeModule.registerHooks({ resolve: hooks.resolve, load: hooks.load });
else nodeModule.register('./hooks.mjs', import.meta.url);
