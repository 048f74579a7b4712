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

// Splits a command line pasted from Windows cmd.exe (Chromium's "Copy as cURL (cmd)"): first as cmd.exe
// reads it (outside "..." a ^ takes the next character as it is; ^ at a line end joins the next line, and the
// character after the line end is taken as it is, so that ^ LF LF is one line break in a value), then as
// Microsoft's C runtime splits it into arguments ("..." quotes, \" a quote, "" inside quotes a quote,
// backslashes literal unless before a quote). Nothing is expanded. An unescaped & | < > outside quotes,
// or a line that ends without ^ before another, is an error (cmd would run more than one command).
QStringList splitCmdWords(const QString &text, QString *error);

}  // namespace Rwb
