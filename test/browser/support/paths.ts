import { fileURLToPath } from 'node:url';

/** The repository root (ends in /). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
