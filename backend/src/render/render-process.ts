/**
 * A render process (started by `RenderPool`): takes `RenderJob`s of plain data over the IPC
 * channel, one at a time, and answers each with the files' bytes or the error's message.
 * pdfmake, docx and the fonts are loaded once per process.
 */
import type { RenderJob, RenderReply } from '../infrastructure/render/render-job';
import { runRenderJob } from './render-jobs';

if (!process.send) throw new Error('The render process runs as a child of the server (with an IPC channel).');

process.on('message', (message: { id: number; job: RenderJob }) => {
  runRenderJob(message.job).then(
    (result) => reply({ id: message.id, ok: true, result }),
    (error: unknown) => reply({ id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
});

function reply(r: RenderReply): void {
  process.send!(r);
}

// The server went away: nothing left to render for.
process.on('disconnect', () => process.exit(0));
