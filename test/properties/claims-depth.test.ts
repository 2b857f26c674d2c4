/** The depth group's claims (theory.md §6 items 1 and 6) under the shared claim contract. */
import { CLAIM_GROUPS } from '../../properties/index.js';
import { describeClaims } from '../helpers/claimSuite.js';

describeClaims(CLAIM_GROUPS.depth);
