#pragma once

#include "core/http/trace.h"
#include "core/policy/options.h"
#include "core/session/session.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

class QCommandLineOption;
class QCommandLineParser;

namespace Rwb::Cli {

inline constexpr int kExitUsage = 2;

// Usage errors are one line on stderr: control characters from the arguments (a newline in a URL or a
// header) are shown escaped, never as a line break or a terminal sequence.
QString oneLine(const QString &message);
// Prints "rwb: MESSAGE" as one line on stderr and returns the usage exit status (2).
int usageError(const QString &message);

// The start of every command's parser: the description --help prints and --help itself (returned:
// parseCommand wants it). The command's name is the first positional argument when parsing but is not
// declared: --help lists only the command's own arguments.
QCommandLineOption startCommandParser(QCommandLineParser &parser, const QString &description);
// The parser's --help text with a usage line for people: "Usage: rwb trace [options] URL", not the path
// the executable was started by.
QString commandHelpText(const QCommandLineParser &parser, const QString &command);
// Parses a command's arguments (the command's name first). A parse error is printed as a usage error,
// --help as the help text; then the exit status to end with is returned. Otherwise the positional
// arguments after the command's name must be exactly `count`: when fewer, `missing` is the usage error
// ("export needs a trace FILE"); when more, the first extra one is named (with `extraHint` after it).
// nullopt: go on.
std::optional<int> parseCommand(QCommandLineParser &parser, const QStringList &arguments,
                                const QCommandLineOption &helpOption, int count, const QString &missing,
                                const QString &extraHint = QString());

// Writes atomically (QSaveFile: a failed write never leaves half a file), except to something that is
// not a regular file (/dev/null, a FIFO, /dev/stdout): QSaveFile would rename a regular file over it.
bool writeOutput(const QString &path, const QByteArray &bytes, QString *error);
// To stdout when `path` is empty or "-", else writeOutput(); a failure is a usage error (returns false).
bool writeOutputOrStdout(const QString &path, const QByteArray &bytes);
void writeStdout(const QByteArray &bytes);

// ANSI colours on stdout: only on a terminal, and never when NO_COLOR is set.
bool stdoutWantsColour();

// "Folder/Sub/case name", or the case's name alone at the top level.
QString caseDisplayName(const CaseRef &ref);
// The cases named `name` (their name, or their "folder/path/name").
QList<CaseRef> findCases(const Session &session, const QString &name);

}  // namespace Rwb::Cli
