/** The planted-bug catalogue: realistic bugs switchable in the real code, and the claims that catch them. */
export { PLANTED_BUG_IDS, PLANTED_BUGS, plantedBug } from './catalogue.js';
export type { PlantedBug, PlantedBugId } from './catalogue.js';
export { PLANT_ENV, activePlantedBug, parsePlantedBug, resetPlantedBugSwitch, withPlantedBug } from './switch.js';
