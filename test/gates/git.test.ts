import { gitGates } from '../../src/gates/git.js';
import { testFamily } from './gate-examples.js';

testFamily(gitGates);
