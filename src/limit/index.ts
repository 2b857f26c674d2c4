/** Continuous-depth references (theory.md §4): the depth vector field, Runge–Kutta solvers, step refinement. */
export { type VectorField, type LinearPaths, linearPathField } from './depthField.js';
export { type ButcherTableau, RK4, EULER, checkTableau, rungeKuttaStep } from './rungeKutta.js';
export { type RefinedSolution, solveFixed, solveToTolerance } from './solve.js';
