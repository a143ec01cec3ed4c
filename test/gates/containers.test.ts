import { containersGates } from '../../src/gates/containers.js';
import { testFamily } from './gate-examples.js';

testFamily(containersGates);
