// The only prompts mtl asks with, from their own packages of @inquirer/prompts: the prompter imports
// this module, so the bundle made of it holds these four and @inquirer/core, not all twelve.
export { default as confirm } from '@inquirer/confirm';
export { default as input } from '@inquirer/input';
export { default as select } from '@inquirer/select';
export { default as checklist } from './checklist.js';
