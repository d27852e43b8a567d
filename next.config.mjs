/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Next 16 blocks dev resources for other origins; the playground is opened at 127.0.0.1 as often as at localhost.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  // The API server is a separate process (server/main.ts); the web app only talks to it over the network.
  serverExternalPackages: ['onnxruntime-node', 'sharp'],
};

export default nextConfig;
