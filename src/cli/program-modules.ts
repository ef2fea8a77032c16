/**
 * The modules main.ts imports, as one list each face re-exports. Only for esbuild's code splitting,
 * which puts each piece of code in a chunk per set of entry points that reach it: reached from main
 * and from different faces, main's modules made 16 small chunks, all loaded before anything ran
 * (a usage error, the wizard's first screen, a create). Reached from every face through this list,
 * they share one set and one chunk. Nothing calls through it; test/build/bundle.test.ts checks that
 * it names every module main.ts imports.
 */
import * as args from './args.js';
import * as helpTopics from './help-topics.js';
import * as generateIam from '../headless/generate-iam.js';
import * as profiles from '../aws/profiles.js';
import * as errors from '../core/errors.js';
import * as signals from './signals.js';
import * as tableStates from '../service/table-states.js';
import * as options from '../service/options.js';
import * as output from './output.js';
import * as runState from './run-state.js';
import * as shell from '../core/shell.js';
import * as text from '../core/text.js';
import * as callLog from '../aws/call-log.js';
import * as invocation from './invocation.js';

export const programModules = [args, helpTopics, generateIam, profiles, errors, signals, tableStates, options, output, runState, shell, text, callLog, invocation];
