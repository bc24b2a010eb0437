// Bundles the designer into the server's static files: src/Bpm.Server/wwwroot/designer/
// (index.html, designer.js, designer.css and the assets the CSS refers to), and the dossier page's
// process map (viewer.js, an ES module, with viewer.css).
// Usage: node build.mjs [--dev]   (--dev: no minification, inline source maps)
import * as esbuild from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.resolve(here, '../Bpm.Server/wwwroot/designer');
const dev = process.argv.includes('--dev');

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

// What both bundles share: one browser target, minified unless --dev, licences kept at the end.
const common = {
  outdir,
  bundle: true,
  platform: 'browser',
  target: [ 'es2020' ],
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'eof',
  assetNames: 'assets/[name]-[hash]',
  define: { 'process.env.NODE_ENV': dev ? '"development"' : '"production"' },
  logLevel: 'warning',
  metafile: true,
};

const result = await esbuild.build({
  ...common,
  entryPoints: { designer: path.join(here, 'src/main.js') },
  format: 'iife',
  jsx: 'automatic',
  jsxImportSource: '@bpmn-io/properties-panel/preact',
  loader: {
    '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file', '.png': 'file',
  },
});

// The dossier page's process map: a viewer only, as an ES module the workspace pages import on demand.
const viewer = await esbuild.build({
  ...common,
  entryPoints: { viewer: path.join(here, 'src/viewer/map.js') },
  format: 'esm',
  loader: { '.svg': 'file', '.png': 'file' },
});

await copyFile(path.join(here, 'src/index.html'), path.join(outdir, 'index.html'));

const outputs = Object.entries({ ...result.metafile.outputs, ...viewer.metafile.outputs })
  .map(([ file, info ]) => `${path.relative(here, file)} ${(info.bytes / 1024).toFixed(0)} KiB`);
console.log(`Bpm designer built into ${path.relative(process.cwd(), outdir) || outdir}:\n  ${outputs.join('\n  ')}`);
