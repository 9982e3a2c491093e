import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run build` writes web/dist, which the server serves; `npx vite --config web/vite.config.ts` is
// a dev server that sends /api and /manage to a server started with `npm start`, on the same PORT
// and HOST that server reads (default 127.0.0.1:3000).
const server = `http://${process.env.HOST || '127.0.0.1'}:${process.env.PORT || '3000'}`;

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1000 },
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: false },
      '/manage': { target: server, changeOrigin: false },
    },
  },
});
