/**
 * Web applications: WebAppContext, web.xml descriptors, WEB-INF/classes loading and jetty-web.xml
 * (Jetty's org.eclipse.jetty.webapp).
 * @module
 */
export { WebAppContext, defaultWebDefaults } from './web-app-context';
export { ClassMatcher } from './class-matcher';
export { WebAppClassLoader, pickClass } from './web-app-class-loader';
export { JettyWebXmlConfiguration, findJettyWebXml, JETTY_WEB_XML_NAMES } from './jetty-web-xml-configuration';
export { MetaData, GLOBAL_ERROR_PAGE } from './meta-data';
export type { EffectiveWebApp } from './meta-data';
export { StandardDescriptorProcessor } from './standard-descriptor-processor';
export { WebAppErrorPages } from './web-app-error-pages';
export { asServlet, asFilter, PlainServletAdapter } from './servlet-adapter';
export { parseWebDescriptor, readWebDescriptor, isValidUrlPattern } from './descriptor/web-descriptor';
export type { WebDescriptor, ServletDescriptor, FilterDescriptor, SessionConfigDescriptor } from './descriptor/web-descriptor';
export { DescriptorError, WebAppClassNotFoundError, WebAppError, summarizeError } from './errors';
