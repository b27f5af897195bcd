'use strict';
/** The console's servlet is Pier's own (src/console/pier-console-servlet.ts), declared in this app's web.xml. */
module.exports = require('pier/console').PierConsoleServlet;
