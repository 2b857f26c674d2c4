/** Claim 3 (width rate along training): the ci nominal holds, the lazy-scaling control is rejected and replays. */
import { CLAIM_GROUPS } from '../../properties/index.js';
import { describeClaims } from '../helpers/claimSuite.js';

describeClaims(CLAIM_GROUPS['width-training']);
