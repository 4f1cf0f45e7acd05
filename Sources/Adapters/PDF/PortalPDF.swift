// PortalPDF: the document renderer port over cairo and pango (PDF output, Unicode text shaping).
//
// - PDFRenderer: the public adapter (validation, thread pool, cancellation, logging).
// - PDFCanvas: one cairo PDF surface written into memory, with its pango context.
// - PDFPaginator: places blocks on pages; PDFPainter draws the placed pages.
