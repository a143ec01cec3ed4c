import { cloudGates } from '../../src/gates/cloud.js';
import { testFamily } from './gate-examples.js';

testFamily(cloudGates);
