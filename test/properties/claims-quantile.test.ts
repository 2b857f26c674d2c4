/** Claim 21 (quantile scaling): the ci nominal holds for every η, the lazy-scaling control is rejected and replays. */
import { CLAIM_GROUPS } from '../../properties/index.js';
import { describeClaims } from '../helpers/claimSuite.js';

describeClaims(CLAIM_GROUPS.quantile);
