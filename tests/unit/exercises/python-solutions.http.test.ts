/** Python reference solutions over HTTP (`npm run emulator`): python-solutions-suite.ts. */
import { describePythonSolutions } from './python-solutions-suite.ts';

describePythonSolutions('http');
