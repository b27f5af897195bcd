/**
 * Tests of the JDBC URL and driver class mapping, and of the identifier check on configured names.
 * @module
 */
import { expect } from 'chai';
import { dialectOfDriverClass, JdbcUrlError, parseJdbcUrl, redactJdbcUrl } from '../../../../src/session/stores/jdbc/jdbc-url';
import { checkIdentifier, SessionTableSchema } from '../../../../src/session/stores/jdbc/session-table-schema';

function refusal(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a refusal');
}

describe('JDBC URLs', () => {
  it('maps every driver class Jetty users name to its dialect', () => {
    expect(dialectOfDriverClass('org.postgresql.Driver')).to.equal('postgresql');
    for (const c of ['org.mariadb.jdbc.Driver', 'com.mysql.jdbc.Driver', 'com.mysql.cj.jdbc.Driver'])
      expect(dialectOfDriverClass(c)).to.equal('mysql');
    expect(dialectOfDriverClass('org.sqlite.JDBC')).to.equal('sqlite');
  });

  it('reads host, port, database, user and password from a PostgreSQL URL, with its default port', () => {
    const i = parseJdbcUrl('jdbc:postgresql://db.example:6543/shop?user=app&password=s%40cret&ApplicationName=pier', 'org.postgresql.Driver');
    expect(i).to.include({ dialect: 'postgresql', host: 'db.example', port: 6543, database: 'shop', user: 'app', password: 's@cret' });
    expect(i.params.get('ApplicationName')).to.equal('pier');
    expect(i.params.has('password')).to.equal(false);
    expect(parseJdbcUrl('jdbc:postgresql://localhost/test').port).to.equal(5432);
  });

  it('takes jdbc:mariadb: and jdbc:mysql: URLs, with credentials before the host too', () => {
    expect(parseJdbcUrl('jdbc:mariadb://127.0.0.1/test?user=root')).to.include({ dialect: 'mysql', port: 3306, user: 'root', password: undefined });
    expect(parseJdbcUrl('jdbc:mysql://ann:pw@[::1]:3307/app', 'com.mysql.cj.jdbc.Driver')).to.include({
      host: '::1',
      port: 3307,
      user: 'ann',
      password: 'pw',
    });
  });

  it('takes a SQLite file or :memory:', () => {
    expect(parseJdbcUrl('jdbc:sqlite:/var/pier/sessions.db', 'org.sqlite.JDBC')).to.include({ dialect: 'sqlite', database: '/var/pier/sessions.db' });
    expect(parseJdbcUrl('jdbc:sqlite::memory:').database).to.equal(':memory:');
  });

  it('hides passwords in the URL it quotes', () => {
    expect(redactJdbcUrl('jdbc:postgresql://h/db?user=a&password=secret&x=1')).to.equal('jdbc:postgresql://h/db?user=a&password=***&x=1');
    expect(redactJdbcUrl('jdbc:mysql://ann:secret@h/db')).to.equal('jdbc:mysql://ann:***@h/db');
    expect(refusal(() => parseJdbcUrl('jdbc:oracle:thin:@h:1521:x?password=secret')).message).to.not.include('secret');
  });

  it('refuses a driver class that does not speak the URL, naming the URLs it takes', () => {
    const err = refusal(() => parseJdbcUrl('jdbc:mysql://h/db', 'org.postgresql.Driver'));
    expect(err).to.be.instanceOf(JdbcUrlError);
    expect(err.message).to.equal(
      "Cannot use JDBC driver class 'org.postgresql.Driver' with URL 'jdbc:mysql://h/db': that driver takes jdbc:postgresql: URLs",
    );
  });

  it('refuses an unknown driver, an unknown database, a missing database name and several hosts', () => {
    expect(refusal(() => dialectOfDriverClass('oracle.jdbc.OracleDriver')).message).to.match(
      /^Cannot use JDBC driver class 'oracle.jdbc.OracleDriver': expected one of 'org.postgresql.Driver'/,
    );
    expect(refusal(() => parseJdbcUrl('jdbc:h2:mem:x')).message).to.match(/^Cannot use JDBC URL 'jdbc:h2:mem:x': expected jdbc:postgresql:/);
    expect(refusal(() => parseJdbcUrl('jdbc:postgresql://h:5432/')).message).to.match(/no database name/);
    expect(refusal(() => parseJdbcUrl('jdbc:postgresql://a,b/db')).message).to.match(/several hosts are not supported/);
    expect(refusal(() => parseJdbcUrl('jdbc:sqlite:')).message).to.match(/no database file/);
  });
});

describe('Names of the session table from configuration', () => {
  it('accepts SQL identifiers and refuses anything that could carry SQL', () => {
    expect(checkIdentifier('tableName', 'JettySessions')).to.equal('JettySessions');
    for (const bad of ['x; drop table y', 'a b', '', '1abc', 'map"', 'a'.repeat(64)]) {
      expect(refusal(() => checkIdentifier('tableName', bad))).to.be.instanceOf(RangeError);
    }
    const schema = new SessionTableSchema();
    expect(refusal(() => schema.setMapColumn('map) values (1); --')).message).to.equal(
      "Cannot set mapColumn to 'map) values (1); --': expected an SQL identifier (a letter or '_', then up to 62 letters, digits, '_' or '$')",
    );
  });

  it("keeps Jetty's defaults and treats an empty schema or catalog as none", () => {
    const s = new SessionTableSchema();
    expect([
      s.getTableName(),
      s.getIdColumn(),
      s.getContextPathColumn(),
      s.getVirtualHostColumn(),
      s.getLastNodeColumn(),
      s.getAccessTimeColumn(),
      s.getLastAccessTimeColumn(),
      s.getCreateTimeColumn(),
      s.getCookieTimeColumn(),
      s.getLastSavedTimeColumn(),
      s.getExpiryTimeColumn(),
      s.getMaxIntervalColumn(),
      s.getMapColumn(),
    ]).to.deep.equal([
      'JettySessions',
      'sessionId',
      'contextPath',
      'virtualHost',
      'lastNode',
      'accessTime',
      'lastAccessTime',
      'createTime',
      'cookieTime',
      'lastSavedTime',
      'expiryTime',
      'maxInterval',
      'map',
    ]);
    s.setSchemaName('');
    s.setCatalogName(' ');
    expect([s.getSchemaName(), s.getCatalogName(), s.getSchemaTableName()]).to.deep.equal([null, null, 'JettySessions']);
  });
});
