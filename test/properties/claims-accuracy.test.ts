/** The accuracy claims (float64 against decimal and exact arithmetic), under the shared claim contract. */
import { CLAIM_GROUPS } from '../../properties/index.js';
import { describeClaims } from '../helpers/claimSuite.js';

describeClaims(CLAIM_GROUPS.accuracy);
