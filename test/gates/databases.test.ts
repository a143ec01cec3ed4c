import { databasesGates } from '../../src/gates/databases.js';
import { testFamily } from './gate-examples.js';

testFamily(databasesGates);
