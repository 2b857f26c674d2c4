/** The width group's claims (theory.md §6 items 2 and 18) under the ci profile, with their negative controls. */
import { CLAIM_GROUPS } from '../../properties/index.js';
import { describeClaims } from '../helpers/claimSuite.js';

describeClaims(CLAIM_GROUPS.width);
