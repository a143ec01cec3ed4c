import { processesGates } from '../../src/gates/processes.js';
import { testFamily } from './gate-examples.js';

testFamily(processesGates);
