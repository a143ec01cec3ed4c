import { migrationsGates } from '../../src/gates/migrations.js';
import { testFamily } from './gate-examples.js';

testFamily(migrationsGates);
