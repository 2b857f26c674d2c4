/**
 * The switch of the planted-bug catalogue (catalogue.ts): which bug, if any, is planted in this thread.
 *
 * The initial value comes from the environment variable RESNET_MF_PLANT, read at the first call of
 * activePlantedBug(), so worker threads started with the parent's environment (src/parallel/pool.ts) plant the
 * same bug; withPlantedBug sets it for the duration of one call. Code that holds a switch point reads
 * activePlantedBug() once at the entry of a function, never inside a hot loop.
 */
import { InvalidArgumentError } from '../errors.js';
import { PLANTED_BUG_IDS, type PlantedBugId } from './catalogue.js';

/** The environment variable that plants a bug in every thread of a process (e.g. RESNET_MF_PLANT=drop-inv-L). */
export const PLANT_ENV = 'RESNET_MF_PLANT';

let active: PlantedBugId | null = null;
let initialised = false;

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
 * The bug planted in this thread, or null (the correct implementation).
 * @throws InvalidArgumentError naming RESNET_MF_PLANT when that variable holds an unknown id (empty means none)
 */
export function activePlantedBug(): PlantedBugId | null {
  if (!initialised) {
    const text = process.env[PLANT_ENV];
    active = text === undefined || text === '' ? null : parsePlantedBug(text, PLANT_ENV);
    initialised = true;
  }
  return active;
}

/**
 * Runs `fn` with bug `id` planted (null: with none), then restores the previous state, also when fn throws.
 * Synchronous only: a promise returned by fn would run its continuations after the restore.
 * @throws InvalidArgumentError naming 'planted bug' for an unknown id
 * @example withPlantedBug('drop-inv-L', () => claim.run({ profile: 'ci', seed: 20261129 }))
 */
export function withPlantedBug<T>(id: PlantedBugId | null, fn: () => T): T {
  const next = id === null ? null : parsePlantedBug(id, 'planted bug');
  const previous = activePlantedBug();
  active = next;
  try {
    return fn();
  } finally {
    active = previous;
  }
}

/** Forgets the state, so that the next activePlantedBug() reads RESNET_MF_PLANT again (for tests). */
export function resetPlantedBugSwitch(): void {
  active = null;
  initialised = false;
}
