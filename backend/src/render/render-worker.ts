/**
 * Entry of a render worker thread (run by piscina, see `render-pool.ts`): takes a `RenderJob` of
 * plain data and answers with the files' bytes (copied back to the main thread: a few megabytes at
 * most, a millisecond). pdfmake, docx and the fonts are loaded once per worker.
 */
import { runRenderJob, type RenderJob, type RenderResult } from './render-jobs';

export default function renderInWorker(job: RenderJob): Promise<RenderResult> {
  return runRenderJob(job);
}
