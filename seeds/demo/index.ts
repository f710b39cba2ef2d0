// The demo-company simulator's public face.
export { DEMO_COMPANY, SCALES, type Scale } from './profile.ts';
export {
  DEFAULT_SEED,
  lastFullYear,
  type SimulationOptions,
  type SimulationResult,
  simulateCompany,
} from './simulate.ts';
