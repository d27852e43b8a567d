/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Gzips what the web app sends, onnxruntime-web's 14 MB .wasm included (3.7 MB on the wire; app/onnxruntime-web).
  compress: true,
  // Lets several builds (parallel end-to-end runs) live side by side; .next otherwise.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  // Next 16 blocks dev resources for other origins; the playground is opened at 127.0.0.1 as often as at localhost.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  // The API server is a separate process (server/main.ts); the web app only talks to it over the network.
  serverExternalPackages: ['onnxruntime-node', 'sharp'],
  // `npm run typecheck` checks types; a build for a quick end-to-end run may skip it (NEXT_SKIP_TYPECHECK=1) while
  // other work in the same checkout is mid-edit.
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === '1' },
};

export default nextConfig;
