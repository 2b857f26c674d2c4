/**
 * How a planted bug is named on the command line and in the environment. A planted bug is a subject
 * (plantedSubjects.ts); `--plant ID` and the environment variable RESNET_MF_PLANT=ID are two spellings of
 * "run the claims against that subject". Nothing here changes any computation.
 */
import { InvalidArgumentError } from '../errors.js';
import { PLANTED_BUG_IDS, type PlantedBugId } from './catalogue.js';

/** The environment variable naming the planted bug of every command of a process (e.g. RESNET_MF_PLANT=drop-inv-L). */
export const PLANT_ENV = 'RESNET_MF_PLANT';

/**
 * The id `text` as a planted-bug id.
 * @param field the input field to name in the error (e.g. '--plant' or 'RESNET_MF_PLANT')
 * @throws InvalidArgumentError naming `field` and listing the valid ids when `text` is not one of them
 * @example parsePlantedBug('drop-inv-L', '--plant') // 'drop-inv-L'
 */
export function parsePlantedBug(text: unknown, field: string): PlantedBugId {
  if (typeof text !== 'string' || !(PLANTED_BUG_IDS as readonly string[]).includes(text)) {
    throw new InvalidArgumentError(field, `one of ${PLANTED_BUG_IDS.join(', ')}`, text);
  }
  return text as PlantedBugId;
}

/**
 * The bug RESNET_MF_PLANT names, or null when it is unset or empty.
 * @throws InvalidArgumentError naming RESNET_MF_PLANT when it holds an unknown id
 */
export function plantedBugFromEnvironment(): PlantedBugId | null {
  const text = process.env[PLANT_ENV];
  return text === undefined || text === '' ? null : parsePlantedBug(text, PLANT_ENV);
}

/** The bug a command runs with: its --plant flag, else RESNET_MF_PLANT, else none. */
export function plantedBugOfCommand(flag: string | undefined): PlantedBugId | null {
  return flag !== undefined ? parsePlantedBug(flag, '--plant') : plantedBugFromEnvironment();
}
