import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { keywayBackend } from './keyway-backend.mjs';

export default defineConfig({
  plugins: [react(), keywayBackend()],
  // @keyway/react and @keyway/connect are linked from ../../ (file: dependencies): one React for all.
  resolve: { dedupe: ['react', 'react-dom'] },
  // The origin to add to the app's allowedOrigins (see README.md).
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
