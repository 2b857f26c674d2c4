/**
 * How a planted bug is named on the command line and in the environment. A planted bug is a subject
 * (plantedSubjects.ts); `--plant ID` and the environment variable RESNET_MF_PLANT=ID are two spellings of
 * "run the claims against that subject". Nothing here changes any computation.
 */
import { InvalidArgumentError } from '../errors.js';
import { PLANTED_BUG_IDS, type PlantedBugId } from './catalogue.js';
import { BUG_FAMILY_IDS, type BugFamilyId } from './families.js';

/**
 * What `--plant` names: a bug of the catalogue (catalogue.ts), or a member `<family>@<δ>` of a graded family
 * (families.ts), δ a number in [0, 10] written canonically (as String(δ) writes it: `layer-scale@0.001`).
 */
export type PlantName = PlantedBugId | `${BugFamilyId}@${string}`;

/** Largest δ a graded member may have (the ladder starts at 1; 10 leaves room to look above it). */
export const MAX_DELTA = 10;

/** The member `<family>@<δ>` of a graded family, in canonical form. */
export function gradedPlant(family: BugFamilyId, delta: number): PlantName {
  return `${family}@${String(delta)}`;
}

/** The family and δ of a graded member's name, or null for a catalogue id. */
export function gradedPart(name: PlantName): { family: BugFamilyId; delta: number } | null {
  const at = name.indexOf('@');
  return at < 0 ? null : { family: name.slice(0, at) as BugFamilyId, delta: Number(name.slice(at + 1)) };
}

/**
 * `text` as a plant name: a catalogue id, or `<family>@<δ>` with δ ∈ [0, 10] (returned canonical: `x@1e-3` → `x@0.001`).
 * @param field the input field to name in the error (e.g. '--plant' or 'RESNET_MF_PLANT')
 * @throws InvalidArgumentError naming `field` with the valid ids and families, or the valid range of δ
 * @example parsePlant('layer-scale@1e-3', '--plant') // 'layer-scale@0.001'
 */
export function parsePlant(text: unknown, field: string): PlantName {
  if (typeof text === 'string' && text.includes('@')) {
    const at = text.indexOf('@');
    const family = text.slice(0, at);
    if (!(BUG_FAMILY_IDS as readonly string[]).includes(family)) throw new InvalidArgumentError(field, `<family>@<δ> with a family among ${BUG_FAMILY_IDS.join(', ')}`, text);
    const deltaText = text.slice(at + 1);
    // a plain decimal (no sign, hex, spaces or leading dot); a non-zero δ must stay a normal double (1e-400 is not 0)
    const delta = /^\d+(\.\d+)?([eE][-+]?\d+)?$/.test(deltaText) ? Number(deltaText) : NaN;
    const vanished = delta < 2.2250738585072014e-308 && /[1-9]/.test(deltaText.replace(/[eE].*$/, ''));
    if (!Number.isFinite(delta) || vanished || delta > MAX_DELTA) throw new InvalidArgumentError(field, `<family>@<δ> with δ a decimal number in [0, ${MAX_DELTA}], 0 or at least 2.2e-308 (e.g. layer-scale@1e-6)`, text);
    return gradedPlant(family as BugFamilyId, delta === 0 ? 0 : delta);
  }
  if (typeof text === 'string' && (BUG_FAMILY_IDS as readonly string[]).includes(text)) {
    throw new InvalidArgumentError(field, `${text}@<δ>: ${text} is a graded family, named with its magnitude (e.g. ${text}@1e-6; δ a decimal number in [0, ${MAX_DELTA}])`, text);
  }
  if (typeof text !== 'string' || !(PLANTED_BUG_IDS as readonly string[]).includes(text)) {
    throw new InvalidArgumentError(field, `one of ${PLANTED_BUG_IDS.join(', ')}, or <family>@<δ> of a graded family (${BUG_FAMILY_IDS.join(', ')})`, text);
  }
  return text as PlantedBugId;
}

/** The environment variable naming the planted bug of every command of a process (e.g. RESNET_MF_PLANT=drop-inv-L). */
export const PLANT_ENV = 'RESNET_MF_PLANT';

/**
 * The id `text` as a planted-bug id.
 * @param field the input field to name in the error (e.g. '--plant' or 'RESNET_MF_PLANT')
 * @throws InvalidArgumentError naming `field` and listing the valid ids when `text` is not one of them
 * @example parsePlantedBug('drop-inv-L', '--plant') // 'drop-inv-L'
 */
export function parsePlantedBug(text: unknown, field: string): PlantedBugId {
  if (typeof text === 'string' && (BUG_FAMILY_IDS as readonly string[]).includes(text)) {
    throw new InvalidArgumentError(field, `${text}@<δ>: ${text} is a graded family, named with its magnitude (e.g. ${text}@1e-6; δ a decimal number in [0, ${MAX_DELTA}])`, text);
  }
  if (typeof text !== 'string' || !(PLANTED_BUG_IDS as readonly string[]).includes(text)) {
    throw new InvalidArgumentError(field, `one of ${PLANTED_BUG_IDS.join(', ')}`, text);
  }
  return text as PlantedBugId;
}

/**
 * The bug RESNET_MF_PLANT names (parsePlant), or null when it is unset or empty.
 * @throws InvalidArgumentError naming RESNET_MF_PLANT when it holds an unknown name
 */
export function plantedBugFromEnvironment(): PlantName | null {
  const text = process.env[PLANT_ENV];
  return text === undefined || text === '' ? null : parsePlant(text, PLANT_ENV);
}

/** The bug a command runs with: its --plant flag, else RESNET_MF_PLANT, else none. */
export function plantedBugOfCommand(flag: string | undefined): PlantName | null {
  return flag !== undefined ? parsePlant(flag, '--plant') : plantedBugFromEnvironment();
}
