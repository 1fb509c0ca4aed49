// Runs in the extension host, bundled on its own as dist/importers.js: the core's importer
// registry, loaded only when an import command runs, so the main bundle stays small.

export { IMPORTERS, importerFor } from '../core/import';
