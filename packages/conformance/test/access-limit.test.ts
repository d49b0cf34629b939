import { LIMIT_CASES, LIMIT_ENV } from '../src/cases/access.js';
import { accessSuite } from './access-suite.js';

// RATE_LIMIT without credentials: each platform's own report of the caller's address is the client
accessSuite('with RATE_LIMIT and no credentials', LIMIT_ENV, LIMIT_CASES);
