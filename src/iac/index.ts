/**
 * Infrastructure as code: the engine's tables and IAM policies as Terraform and CloudFormation.
 * Pure renderers plus two ways to write the result; what headless --output and the wizard both call.
 */
export type { IacFormat, IacOutput } from '../core/iac-output.js';
export { iacTable, iacTableFromPlan, type IacTable, type RenderOptions, type Where } from './tables.js';
export { renderTerraform } from './terraform.js';
export { renderCloudFormation, type CloudFormationOptions } from './cloudformation.js';
export { importHint, type ImportSteps } from './import-hint.js';
export { saveIacFile, saveIacFiles } from './save.js';
export { writeFileAtomic, writeFilesAtomic } from './write-file.js';

// One chunk for main's modules (src/cli/program-modules.ts).
export { programModules } from '../cli/program-modules.js';
