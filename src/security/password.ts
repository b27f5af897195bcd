/**
 * org.eclipse.jetty.util.security.Password as Jetty XML reaches it: `new Password("OBF:...")` and the
 * static `obfuscate`/`deobfuscate` (the password itself lives in src/util/security/password.ts).
 * @module
 */
import { Expose, JettyClass } from '../ioc/metadata';
import { Password as PlainPassword, deobfuscate, obfuscate } from '../util/security/password';

@JettyClass('org.eclipse.jetty.util.security.Password', { ctors: [[{ name: 'password', type: 'String' }]] })
export class Password extends PlainPassword {
  @Expose('String') static obfuscate(s: string): string {
    return obfuscate(s);
  }
  @Expose('String') static deobfuscate(s: string): string {
    return deobfuscate(s);
  }
}
