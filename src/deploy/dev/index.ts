/**
 * Dev mode (watch each web app folder, reload only the changed app, keep its sessions): the doorway of src/deploy/dev.
 * @module
 */
export { enableDevMode, type DevMode, type DevModeOptions, type DevReload } from './dev-mode';
