import { servicesGates } from '../../src/gates/services.js';
import { testFamily } from './gate-examples.js';

testFamily(servicesGates);
