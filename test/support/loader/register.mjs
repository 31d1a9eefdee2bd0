/*
 * The TypeScript loader of the test processes: `node --import=./test/support/loader/register.mjs`
 * (tap's `node-arg`). Each .ts/.tsx file is transpiled by esbuild, one file at a time, with an
 * inline source map and its lines kept, so that V8 coverage maps back to the sources.
 *
 * Why not tap's default (ts-node): it spends about 5 s of CPU per test process loading and running
 * the TypeScript compiler, over 150 test files. Why not tsx: it minifies whitespace, and tap's
 * coverage report cannot map that back (every file reads 100 %). Types are checked by `tsc --noEmit`.
 */
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
