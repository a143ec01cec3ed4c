// Every test file starts with the shell parser loaded, as the command layer loads it before the
// pure stages (src/cli/load-runbook.ts): tests call those stages directly.
import { loadShellParser } from '../../src/shell/load-shell-parser.js';

await loadShellParser();
