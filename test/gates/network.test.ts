import { networkGates } from '../../src/gates/network.js';
import { testFamily } from './gate-examples.js';

testFamily(networkGates);
