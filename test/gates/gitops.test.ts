import { gitopsGates } from '../../src/gates/gitops.js';
import { testFamily } from './gate-examples.js';

testFamily(gitopsGates);
