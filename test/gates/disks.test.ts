import { disksGates } from '../../src/gates/disks.js';
import { testFamily } from './gate-examples.js';

testFamily(disksGates);
