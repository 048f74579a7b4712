#pragma once

#include <QString>
#include <QStringList>

namespace Rwb {

// Splits a pasted command line into words the way bash would for the shapes people paste: '...',
// "..." (with \" \\ \$ \` and backslash-newline), $'...' (ANSI-C escapes), backslash escapes outside
// quotes, backslash-newline continuations (CRLF too, from Windows copies) and # comments. Nothing is
// expanded: a $NAME, ${...}, $(...) or `...` outside single quotes, or an unquoted | ; & < > ( ), is an
// error, since the result would depend on a shell we do not run. On error returns {} and sets *error.
QStringList splitShellWords(const QString &text, QString *error);

}  // namespace Rwb
