/** The planted-bug catalogue: realistic bugs of the field, each a subject (resnet-mf's implementation with one defect), and the claims that catch them. */
export { PLANTED_BUG_IDS, PLANTED_BUGS, plantedBug } from './catalogue.js';
export type { PlantedBug, PlantedBugId } from './catalogue.js';
export { PLANT_ENV, parsePlantedBug, plantedBugFromEnvironment, plantedBugOfCommand } from './environment.js';
export { plantedSubject } from './plantedSubjects.js';
export { defectiveLossAndGradient } from './defectiveNetwork.js';
export type { Defects } from './defectiveNetwork.js';
