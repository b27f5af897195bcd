/**
 * The `--help` text of bin/start.
 * @module
 */

/** The usage text, in the spirit of Jetty's start.jar usage. */
export function usage(): string {
  return `Usage: bin/start [options] [properties] [xml files]

Starts a Pier server the way Jetty's start.jar does: jetty.home is this installation
(etc/, modules/), jetty.base is the current directory (start.ini, start.d/*.ini, webapps/).
Arguments come from \${jetty.base}/start.ini, then \${jetty.base}/start.d/*.ini (by name),
then the command line; a later plain assignment wins.

Commands:
  --help                   print this text
  --version                print Pier's version
  --list-modules[=tags]    list the available modules, marking the enabled ones
  --list-config            print the enabled modules in order, the properties with their
                           origin and the XML files that would run
  --dry-run                print the XML files in order and the properties, without starting
  --add-to-start=a,b       enable modules in the base: writes start.d/<module>.ini when
                           start.d/ exists, else appends to start.ini (also --add-module=)
  --create-startd          create start.d/ (moving an existing start.ini into it)
  --create-files           create the directories the enabled modules need
  --sessions <command>     read the sessions of the base's configured stores, without serving:
                           list | show ID | count | purge-expired | export FILE | import FILE
                           (JSON lines; --force lets import replace sessions already there,
                           --context=/path limits any command to one context)

Options:
  --module=a,b             enable modules for this run (also in ini files)
  --include-jetty-dir=DIR  an extra configuration layer between base and home
  --debug                  print stack traces of errors
  --dump                   print the server's component tree after start
  --dev                    dev mode: reload a web app when its files change, keeping its sessions
  jetty.base=DIR           use DIR as jetty.base instead of the current directory
  jetty.home=DIR           use DIR as jetty.home instead of this installation

Properties:
  name=value               set a start property (read by the XML files through <Property>)
  name+=value              append to a property (name+=,x builds comma lists)
  name?=value              set only if not set yet
  -Dname=value             set a system property (read through <SystemProperty>) and
                           a start property
  file.xml                 run an extra XML file after the modules' files
                           (looked up in jetty.base, then jetty.home, then their etc/)

Examples:
  bin/start                                  serve \${jetty.base}/webapps on port 8080
  bin/start jetty.http.port=9090             the same on port 9090
  bin/start --add-to-start=http,deploy       configure a new base
  bin/start --list-config                    see what a start would do

Exit codes: 0 success, 2 bad arguments or configuration, 3 bad module graph.
`;
}
