import { infraGates } from '../../src/gates/infra.js';
import { testFamily } from './gate-examples.js';

testFamily(infraGates);
