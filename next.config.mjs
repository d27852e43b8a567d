/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The API server is a separate process (server/main.ts); the web app only talks to it over the network.
  serverExternalPackages: ['onnxruntime-node', 'sharp'],
};

export default nextConfig;
