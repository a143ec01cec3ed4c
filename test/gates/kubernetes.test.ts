import { kubernetesGates } from '../../src/gates/kubernetes.js';
import { testFamily } from './gate-examples.js';

testFamily(kubernetesGates);
