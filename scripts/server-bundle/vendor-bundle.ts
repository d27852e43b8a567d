import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { COMMONJS_PACKAGE_NAMESPACE } from './require-commonjs-packages';

/**
 * Packages left outside the vendor file: native addons (their binaries sit beside their JavaScript), packages that
 * serve files from their own folder, and those the server loads only when asked (GraphiQL's 9 MB page on a first
 * visit, ioredis with REDIS_URL), whose source would otherwise sit in memory for nothing.
 */
const KEPT_APART = ['onnxruntime-node', 'sharp', '@fastify/swagger-ui', '@graphql-yoga/render-graphiql', 'ioredis'];

/** The vendor file beside a bundle: main.js → main.vendor.cjs. */
export const vendorFileOf = (bundle: string) => bundle.replace(/\.js$/, '.vendor.cjs');

/** The CommonJS packages a bundle requires (see requireCommonJsPackages), from esbuild's metafile. */
export function commonJsPackagesOf(metafile: Metafile, bundle: string): string[] {
  const prefix = `${COMMONJS_PACKAGE_NAMESPACE}:`;
  const inputs = Object.keys(metafile.outputs[bundle]?.inputs ?? {});
  return inputs.filter((input) => input.startsWith(prefix)).map((input) => input.slice(prefix.length)).filter((name) => !KEPT_APART.includes(name)).sort();
}

/**
 * Bundles `packages` into one CommonJS file beside `bundle`, each behind a getter that requires it on first use.
 * Node resolves, reads and wraps the ~2,000 files of the server's dependencies one by one (0.9–1.6 s of start-up);
 * one file of the same code loads in 0.6–0.9 s. CommonJS, not ESM: V8 compiles an 8 MB ES module eagerly enough to
 * lose the gain. No source map: reading one of this size costs ~0.3 s at every start with --enable-source-maps.
 */
export async function buildVendorFile(root: string, outdir: string, bundle: string, packages: readonly string[]): Promise<string | undefined> {
  if (packages.length === 0) return undefined;
  const outfile = path.join(outdir, vendorFileOf(path.basename(bundle)));
  await build({
    absWorkingDir: root,
    stdin: {
      contents: `module.exports = {\n${packages.map((name) => `  ${JSON.stringify(name)}: () => require(${JSON.stringify(name)}),`).join('\n')}\n};\n`,
      resolveDir: root,
      sourcefile: 'vendor-entry.cjs',
      loader: 'js',
    },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: KEPT_APART,
    // V8 keeps every script's source in memory (to compile functions when first called): 9.4 MB as written, 6 MB
    // without the comments and indentation. Names stay, so stack traces still read.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'error',
  });
  return outfile;
}
