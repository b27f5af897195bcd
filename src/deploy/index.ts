/**
 * The deployer: DeploymentManager, the app lifecycle, WebAppProvider and its Scanner
 * (Jetty's org.eclipse.jetty.deploy).
 * @module
 */
export { DeploymentManager, DeploymentError } from './deployment-manager';
export { App } from './app';
export { AppLifeCycle } from './app-life-cycle';
export type { AppLifeCycleBinding } from './app-life-cycle';
export type { AppProvider } from './app-provider';
export type { DeployableContext, DeployTarget } from './deployable-context';
export { StandardDeployer, StandardStarter, StandardStopper, StandardUndeployer, DebugBinding } from './bindings/standard-bindings';
export type { ConfigurationManager } from './configuration-manager';
export { PropertiesConfigurationManager } from './properties-configuration-manager';
export { ScanningAppProvider } from './providers/scanning-app-provider';
export { WebAppProvider, contextPathOf, isIgnoredName } from './providers/web-app-provider';
export { Scanner, fingerprint } from './scanner';
export type { ScannerListener } from './scanner';
export { applyContextXml } from './context-xml';
