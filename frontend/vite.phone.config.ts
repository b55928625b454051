import { defineConfig } from 'vite';
import { appConfig } from './vite.config';

/** The phone's own page, /j/CODE (see appConfig): `vite build --config vite.phone.config.ts` after the app's build. */
export default defineConfig(appConfig('phone'));
