/**
 * The phone's own page (phone/index.html, served for /j/CODE): the page a phone opens from the QR
 * code, built on its own (vite.phone.config.ts) so that it downloads only what joining and scoring
 * need. Every other address is the app's (main.ts).
 */
import 'virtual:palette.css';
import './app.css';
import './lib/i18n';
import { mount } from 'svelte';
import PhoneApp from './PhoneApp.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from phone/index.html');

export default mount(PhoneApp, { target });
