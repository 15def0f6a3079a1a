import { FormatRegistry } from '@sinclair/typebox';

/**
 * TypeBox's Value.Check knows no string formats until told, and refuses what it cannot check. The province's
 * times are ISO 8601 date-times with a zone; every module whose schemas use `format: 'date-time'` imports this.
 */
export function registerDateTimeFormat(): void {
  if (FormatRegistry.Has('date-time')) return;
  FormatRegistry.Set('date-time', (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)));
}

registerDateTimeFormat();
