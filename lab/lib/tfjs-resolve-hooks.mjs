// Node module-resolution hook for the slim tfjs packages.
//
// tfjs-core's Node entry (dist/tf-core.node.js) contains no gradients and no chained ops; they
// exist only as ES modules under dist/ with extensionless relative imports ("./gradients"),
// which Node's ESM resolver (and tsx's) refuse. Bundlers (Vite, Vitest) resolve them fine.
// This hook retries such specifiers with ".js" / "/index.js", only inside @tensorflow/*/dist.
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const isFile = (url) => {
  try {
    return statSync(fileURLToPath(url)).isFile();
  } catch {
    return false;
  }
};

export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL ?? '';
  if (
    specifier.startsWith('.') &&
    parent.includes('/node_modules/@tensorflow/') &&
    !/\.[cm]?js$/.test(specifier)
  ) {
    for (const candidate of [`${specifier}.js`, `${specifier}/index.js`]) {
      const url = new URL(candidate, parent).href;
      if (isFile(url)) return nextResolve(candidate, context);
    }
  }
  if (/^@tensorflow\/tfjs-core\/dist\/.+[^s]$/.test(specifier) && !specifier.endsWith('.js')) {
    return nextResolve(`${specifier}.js`, context);
  }
  return nextResolve(specifier, context);
}
