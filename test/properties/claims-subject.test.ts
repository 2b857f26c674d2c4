/** The claims on the subject's own loss, outputs and training steps, under the shared claim contract. */
import { CLAIM_GROUPS } from '../../properties/index.js';
import { describeClaims } from '../helpers/claimSuite.js';

describeClaims(CLAIM_GROUPS.subject);
