/**
 * Tests of single start arguments: options, modules, properties, extra files.
 * @module
 */
import { expect } from 'chai';
import { CMD_LINE, prescanCommandLine, StartArgs } from '../../src/start/start-args';
import { UsageError } from '../../src/util/errors';

function parse(...texts: string[]): StartArgs {
  const args = new StartArgs();
  for (const text of texts) args.parse({ text, origin: CMD_LINE });
  return args;
}

describe('StartArgs', () => {
  it('splits --module and --modules lists and keeps their origin', () => {
    const args = new StartArgs();
    args.parse({ text: '--module=a, b', origin: 'x.ini' });
    args.parse({ text: '--modules=c', origin: CMD_LINE });
    expect(args.modules).to.deep.equal([
      { name: 'a', origin: 'x.ini' },
      { name: 'b', origin: 'x.ini' },
      { name: 'c', origin: CMD_LINE },
    ]);
  });

  it('sorts extra arguments into XML files, properties files and properties', () => {
    const args = parse('etc/extra.xml', 'more.properties', 'a=b.xml');
    expect(args.xmls.map((x) => x.path)).to.deep.equal(['etc/extra.xml']);
    expect(args.propertyFiles.map((x) => x.path)).to.deep.equal(['more.properties']);
    expect(args.props.getString('a')).to.equal('b.xml');
  });

  it('notes JVM arguments and Java-only options instead of failing', () => {
    const args = parse('-Xmx1g', '--exec');
    expect(args.jvmArgs).to.deep.equal(['-Xmx1g']);
    expect(args.notes.join('\n')).to.match(/Ignored JVM argument '-Xmx1g'[\s\S]*Ignored '--exec'/);
  });

  it('collects --add-to-start and --add-module names', () => {
    const args = parse('--add-to-start=a,b', '--add-module=c');
    expect(args.addToStart).to.deep.equal(['a', 'b', 'c']);
    expect(args.addModuleSpelling).to.equal(true);
  });

  it('refuses an unknown option and a bare word, naming the ini file and line', () => {
    expect(() => parse('--nope')).to.throw(UsageError, /^Cannot use argument '--nope': unknown option; see --help$/);
    const args = new StartArgs();
    expect(() => args.parse({ text: 'word', origin: '${jetty.base}/start.ini', file: '/b/start.ini', line: 3 })).to.throw(
      UsageError,
      /Cannot use argument 'word' \(\$\{jetty.base\}\/start.ini:3\): not an option, a name=value property or an XML file/,
    );
  });

  it('answers an option that needs a value, given without one, with an example of the value', () => {
    expect(() => parse('--add-to-start')).to.throw(
      UsageError,
      /^Cannot use argument '--add-to-start': it needs a value, as in --add-to-start=http,deploy$/,
    );
    expect(() => parse('--module')).to.throw(UsageError, /^Cannot use argument '--module': it needs a value, as in --module=http,deploy$/);
  });

  it('finds jetty.home, jetty.base and include dirs before anything else is parsed', () => {
    expect(prescanCommandLine(['--jetty.base=/b', '-Djetty.home=/h', '--include-jetty-dir=/i', 'x=y'])).to.deep.equal({
      base: '/b',
      home: '/h',
      includeDirs: ['/i'],
    });
  });
});
