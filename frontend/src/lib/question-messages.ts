/**
 * The messages of the questions from the room (lib/message-parts.ts QUESTION_PARTS), in both
 * languages: the phone's question chunk adds them when it loads, so the phone's first load stays
 * small. The organisers' pages have them already (every message).
 */
import { addMessages } from 'svelte-i18n';
import nl, { parsed as nlParsed } from '../locales/nl.json?questions';
import en, { parsed as enParsed } from '../locales/en.json?questions';
import { rememberParsed } from './parsed-messages';

rememberParsed(nlParsed);
rememberParsed(enParsed);
addMessages('nl', nl);
addMessages('en', en);
