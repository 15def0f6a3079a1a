import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The kit starts built programs and reads demo data by file path (not by import), so it needs to know where the
// checkout's packages are; this is the one place that knows the kit lives at testkit/src.
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const hubDir = join(repoRoot, 'hall-hub');
