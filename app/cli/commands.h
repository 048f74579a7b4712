#pragma once

#include <QStringList>

namespace Rwb::Cli {

// The commands besides `rwb trace`. Each takes the whole command line (program name, command, then its
// arguments) and returns the exit status; usage errors are one line on stderr and return 2.

// rwb run SESSION: runs a session's cases and checks their expectations (0 all passed, 1 some failed).
int traceCommand(const QStringList &arguments);
int runCommand(const QStringList &arguments);
// rwb export TRACE.json --format json|har|csv|md|curl: a saved trace (or a session case's last trace) in
// another format.
int exportCommand(const QStringList &arguments);
// rwb import-curl '<curl command>': the command as a session case, printed or added to a session file.
int importCurlCommand(const QStringList &arguments);
// rwb sandbox [--port N] [--rules SESSION] [--list]: the redirect sandbox until SIGINT/SIGTERM (0).
int sandboxCommand(const QStringList &arguments);
// rwb check [FILE|-]: a bulk check of a URL list, redirect map or sitemap (0 every line passed, 1 some
// failed).
int checkCommand(const QStringList &arguments);

}  // namespace Rwb::Cli
