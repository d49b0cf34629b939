import { AUTH_CASES, AUTH_ENV } from '../src/cases/access.js';
import { accessSuite } from './access-suite.js';

// API_KEYS set: 401 without credentials, both header forms, and the open routes
accessSuite('with API_KEYS', AUTH_ENV, AUTH_CASES);
