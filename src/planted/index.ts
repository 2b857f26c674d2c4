/** The planted-bug catalogue: realistic bugs of the field, each a subject (resnet-mf's implementation with one defect), and the claims that catch them. */
export { PLANTED_BUG_IDS, PLANTED_BUGS, plantedBug } from './catalogue.js';
export type { PlantedBug, PlantedBugId } from './catalogue.js';
export { MAX_DELTA, PLANT_ENV, gradedPart, gradedPlant, parsePlant, parsePlantedBug, plantedBugFromEnvironment, plantedBugOfCommand } from './environment.js';
export type { PlantName } from './environment.js';
export { BUG_FAMILIES, BUG_FAMILY_IDS, DELTA_LADDER, DSIGMA_TAIL, bitsOfDelta, roundToBits } from './families.js';
export type { BugFamily, BugFamilyId } from './families.js';
export { plantedSubject } from './plantedSubjects.js';
export { defectiveLossAndGradient } from './defectiveNetwork.js';
export type { Defects } from './defectiveNetwork.js';
