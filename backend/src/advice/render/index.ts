export { adviceDocumentDefinition, renderAdvicePdf, type AdviceRenderOptions } from './pdf-document';
export { renderAdviceDocx, type AdviceDocxOptions } from './docx-document';
