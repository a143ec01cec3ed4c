import { filesGates } from '../../src/gates/files.js';
import { testFamily } from './gate-examples.js';

testFamily(filesGates);
