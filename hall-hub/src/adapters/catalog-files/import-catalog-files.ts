import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { CatalogRefused, parseExchangeText } from '../../app/catalog-import.js';
import type { CatalogService } from '../../app/catalog-service.js';
import type { CatalogFileLedger } from '../sqlite/sqlite-catalog-files.js';

/**
 * The catalog files the configuration names, imported at start-up. A file refused as a whole is logged and
 * skipped: the hall starts with the catalog it already has.
 */
export function importCatalogFiles(files: readonly string[], d: { catalog: CatalogService; ledger: CatalogFileLedger; now: () => number; logger: Logger }): void {
  for (const file of files) {
    try {
      const text = readFileSync(file, 'utf8');
      const sha256 = createHash('sha256').update(text).digest('hex');
      // Importing is idempotent anyway; skipping an unchanged file only makes start-up faster.
      if (d.ledger.sha256Of(file) === sha256) {
        d.logger.info({ file }, 'catalog file unchanged since its last import');
        continue;
      }
      const report = d.catalog.import(parseExchangeText(text), `file ${file}`);
      d.ledger.remember(file, sha256, d.now());
      d.logger.info({ file, applied: report.applied, unchanged: report.unchanged, rejected: report.rejected, services: report.services }, 'catalog imported');
      for (const p of report.problems.slice(0, 20)) d.logger.warn({ file, ...p }, 'catalog row not applied');
    } catch (err) {
      if (!(err instanceof CatalogRefused)) throw err;
      d.logger.error({ file, problems: err.problems }, `catalog file refused: ${err.message}`);
    }
  }
}
