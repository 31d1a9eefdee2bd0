/* Module hooks for register.mjs: `./x.js` finds `./x.ts` or `./x.tsx`; .ts/.tsx are transpiled. */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

// The compiler options esbuild honours (JSX factory, verbatimModuleSyntax) come from the project's own tsconfig.json.
const { compilerOptions } = JSON.parse(readFileSync(new URL('../../../tsconfig.json', import.meta.url), 'utf8'));
const typescript = /\.(ts|tsx|mts)$/;

export async function resolve(specifier, context, nextResolve) {
  if (specifier.endsWith('.js') && (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:')) && context.parentURL) {
    const target = new URL(specifier, context.parentURL);
    if (target.protocol === 'file:' && !existsSync(target)) {
      for (const extension of ['.ts', '.tsx']) {
        const candidate = new URL(target.href.replace(/\.js$/, extension));
        if (existsSync(candidate)) return { url: candidate.href, format: 'module', shortCircuit: true };
      }
    }
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !typescript.test(new URL(url).pathname)) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const result = await transform(await readFile(file, 'utf8'), {
    loader: file.endsWith('.tsx') ? 'tsx' : 'ts',
    format: 'esm',
    target: 'node22',
    sourcefile: file,
    sourcemap: 'inline',
    tsconfigRaw: { compilerOptions },
  });
  return { format: 'module', source: result.code, shortCircuit: true };
}
