export { addTestValidation, ADD_TEST_RUNS } from './add-test-validation.js';
export { addTestCheckScript } from './helper-path.js';
export { AddTestVerdict, parseAddTestVerdict, readAddTestVerdict } from './verdict.js';
